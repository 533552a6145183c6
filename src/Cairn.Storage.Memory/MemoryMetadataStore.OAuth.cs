using Cairn.Core.OAuth;

namespace Cairn.Storage.Memory;

public sealed partial class MemoryMetadataStore
{
    private readonly Dictionary<string, OAuthClient> _oauthClients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentGrant> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrantCredential> _credentials = new(StringComparer.Ordinal);

    public Task InsertOAuthClientAsync(OAuthClient client, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _oauthClients[client.ClientId] = client);

    public Task<OAuthClient?> GetOAuthClientAsync(string clientId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _oauthClients.GetValueOrDefault(clientId));

    public Task InsertAgentGrantAsync(AgentGrant grant, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _grants[grant.GrantId] = grant);

    public Task<AgentGrant?> GetAgentGrantAsync(string grantId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _grants.GetValueOrDefault(grantId));

    public Task<IReadOnlyList<AgentGrant>> ListAgentGrantsAsync(string accountId, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<AgentGrant>>(cancellationToken, () => _grants.Values
            .Where(g => g.AccountId == accountId)
            .OrderBy(g => g.CreatedAt)
            .ThenBy(g => g.GrantId, StringComparer.Ordinal)
            .ToList());

    public Task<AgentGrant?> DeleteAgentGrantAsync(string grantId, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_grants.Remove(grantId, out var grant))
            {
                return null;
            }
            foreach (var hash in _credentials.Values.Where(c => c.GrantId == grantId).Select(c => c.Hash).ToList())
            {
                _credentials.Remove(hash);
            }
            return grant;
        });

    public Task InsertGrantCredentialAsync(GrantCredential credential, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _credentials[credential.Hash] = credential);

    public Task<int> CountOAuthClientsAsync(CancellationToken cancellationToken) =>
        Locked(cancellationToken, () => _oauthClients.Count);

    public Task<int> DeleteExpiredOAuthAsync(long now, long unusedClientsBefore, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            var grants = _grants.Values.Where(g => g.ExpiresAt < now).Select(g => g.GrantId).ToHashSet(StringComparer.Ordinal);
            var credentials = _credentials.Values.Where(c => c.ExpiresAt < now || grants.Contains(c.GrantId)).Select(c => c.Hash).ToList();
            credentials.ForEach(hash => _credentials.Remove(hash));
            foreach (var grantId in grants)
            {
                _grants.Remove(grantId);
            }
            var named = _grants.Values.Select(g => g.ClientId).ToHashSet(StringComparer.Ordinal);
            var clients = _oauthClients.Values.Where(c => c.CreatedAt < unusedClientsBefore && !named.Contains(c.ClientId)).Select(c => c.ClientId).ToList();
            clients.ForEach(id => _oauthClients.Remove(id));
            return grants.Count + credentials.Count + clients.Count;
        });

    public Task<GrantCredential?> UseGrantCredentialAsync(string hash, long now, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (!_credentials.TryGetValue(hash, out var credential))
            {
                return null;
            }
            if (credential.UsedAt is null)
            {
                _credentials[hash] = credential with { UsedAt = now };
            }
            return credential;
        });
}
