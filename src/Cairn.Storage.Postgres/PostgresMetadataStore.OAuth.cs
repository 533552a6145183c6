using Cairn.Core.OAuth;
using Cairn.Storage.Postgres.Internal;
using Cairn.Storage.Postgres.Mapping;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string InsertClient = "INSERT INTO oauth_clients (" + GrantRows.ClientColumns + ") VALUES (@client_id, @client_name, @redirect_uris, @created_at)";
    private const string SelectClient = "SELECT " + GrantRows.ClientColumns + " FROM oauth_clients WHERE client_id = @client_id";
    private const string InsertGrant = "INSERT INTO agent_grants (" + GrantRows.GrantColumns + ") VALUES (" + GrantRows.GrantParameters + ")";
    private const string SelectGrant = "SELECT " + GrantRows.GrantColumns + " FROM agent_grants WHERE grant_id = @grant_id";
    private const string SelectGrants = "SELECT " + GrantRows.GrantColumns + " FROM agent_grants WHERE account_id = @account_id ORDER BY created_at, grant_id";
    private const string DeleteGrant = "DELETE FROM agent_grants WHERE grant_id = @grant_id RETURNING " + GrantRows.GrantColumns;
    private const string DeleteGrantCredentials = "DELETE FROM grant_credentials WHERE grant_id = @grant_id";
    private const string InsertCredential =
        "INSERT INTO grant_credentials (" + GrantRows.CredentialColumns + ") VALUES (@hash, @kind, @grant_id, @expires_at, @used_at)";
    // FOR UPDATE: a concurrent use waits for this transaction, then reads the row as it committed (used).
    private const string SelectCredentialForUpdate = "SELECT " + GrantRows.CredentialColumns + " FROM grant_credentials WHERE hash = @hash FOR UPDATE";
    private const string MarkCredentialUsed = "UPDATE grant_credentials SET used_at = @now WHERE hash = @hash AND used_at IS NULL";
    private const string CountClients = "SELECT COUNT(*) FROM oauth_clients";
    private const string DeleteExpiredCredentials =
        "DELETE FROM grant_credentials WHERE expires_at < @now OR grant_id IN (SELECT grant_id FROM agent_grants WHERE expires_at < @now)";
    private const string DeleteExpiredGrants = "DELETE FROM agent_grants WHERE expires_at < @now";
    private const string DeleteUnusedClients =
        "DELETE FROM oauth_clients c WHERE c.created_at < @before AND NOT EXISTS (SELECT 1 FROM agent_grants g WHERE g.client_id = c.client_id)";

    public Task InsertOAuthClientAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return WriteAsync((s, ct) => GrantRows.Bind(s.Command(InsertClient), client).ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    public Task<OAuthClient?> GetOAuthClientAsync(string clientId, CancellationToken cancellationToken) =>
        NameRange.HasNul(clientId) ? Task.FromResult<OAuthClient?>(null)
            : ReadAsync((s, ct) => s.Command(SelectClient).With("client_id", clientId).ReadFirstOrDefaultAsync(GrantRows.ReadClient, ct), cancellationToken);

    public Task InsertAgentGrantAsync(AgentGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return WriteAsync((s, ct) => GrantRows.Bind(s.Command(InsertGrant), grant).ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    public Task<AgentGrant?> GetAgentGrantAsync(string grantId, CancellationToken cancellationToken) =>
        NameRange.HasNul(grantId) ? Task.FromResult<AgentGrant?>(null)
            : ReadAsync((s, ct) => s.Command(SelectGrant).With("grant_id", grantId).ReadFirstOrDefaultAsync(GrantRows.ReadGrant, ct), cancellationToken);

    public async Task<IReadOnlyList<AgentGrant>> ListAgentGrantsAsync(string accountId, CancellationToken cancellationToken) =>
        await ReadAsync((s, ct) => s.Command(SelectGrants).With("account_id", accountId).ReadAllAsync(GrantRows.ReadGrant, ct), cancellationToken).ConfigureAwait(false);

    public Task<AgentGrant?> DeleteAgentGrantAsync(string grantId, CancellationToken cancellationToken) =>
        NameRange.HasNul(grantId) ? Task.FromResult<AgentGrant?>(null)
            : WriteAsync(async (s, ct) =>
            {
                var grant = await s.Command(DeleteGrant).With("grant_id", grantId).ReadFirstOrDefaultAsync(GrantRows.ReadGrant, ct).ConfigureAwait(false);
                await s.Command(DeleteGrantCredentials).With("grant_id", grantId).ExecuteAsync(ct).ConfigureAwait(false);
                return grant;
            }, cancellationToken);

    public Task InsertGrantCredentialAsync(GrantCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return WriteAsync((s, ct) => s.Command(InsertCredential)
            .With("hash", credential.Hash)
            .With("kind", (int)credential.Kind)
            .With("grant_id", credential.GrantId)
            .With("expires_at", credential.ExpiresAt)
            .With("used_at", credential.UsedAt)
            .ExecuteAsync(ct), cancellationToken, transaction: false);
    }

    public async Task<int> CountOAuthClientsAsync(CancellationToken cancellationToken) =>
        Convert.ToInt32(await ReadAsync((s, ct) => s.Command(CountClients).ScalarAsync(ct), cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

    public Task<int> DeleteExpiredOAuthAsync(long now, long unusedClientsBefore, CancellationToken cancellationToken) =>
        WriteAsync(async (s, ct) =>
            await s.Command(DeleteExpiredCredentials).With("now", now).ExecuteAsync(ct).ConfigureAwait(false)
            + await s.Command(DeleteExpiredGrants).With("now", now).ExecuteAsync(ct).ConfigureAwait(false)
            + await s.Command(DeleteUnusedClients).With("before", unusedClientsBefore).ExecuteAsync(ct).ConfigureAwait(false), cancellationToken);

    /// <remarks>The row lock makes read and mark one step: of two concurrent uses exactly one sees it unused.</remarks>
    public Task<GrantCredential?> UseGrantCredentialAsync(string hash, long now, CancellationToken cancellationToken) =>
        NameRange.HasNul(hash) ? Task.FromResult<GrantCredential?>(null)
            : WriteAsync(async (s, ct) =>
            {
                var credential = await s.Command(SelectCredentialForUpdate).With("hash", hash).ReadFirstOrDefaultAsync(GrantRows.ReadCredential, ct).ConfigureAwait(false);
                if (credential is { UsedAt: null })
                {
                    await s.Command(MarkCredentialUsed).With("hash", hash).With("now", now).ExecuteAsync(ct).ConfigureAwait(false);
                }
                return credential;
            }, cancellationToken);
}
