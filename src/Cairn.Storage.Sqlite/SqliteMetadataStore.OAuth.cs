using Cairn.Core.OAuth;
using Cairn.Storage.Sqlite.Internal;
using Cairn.Storage.Sqlite.Mapping;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string InsertClient = "INSERT INTO oauth_clients (" + GrantRows.ClientColumns + ") VALUES ($client_id, $client_name, $redirect_uris, $created_at)";
    private const string SelectClient = "SELECT " + GrantRows.ClientColumns + " FROM oauth_clients WHERE client_id = $client_id";
    private const string InsertGrant = "INSERT INTO agent_grants (" + GrantRows.GrantColumns + ") VALUES (" + GrantRows.GrantParameters + ")";
    private const string SelectGrant = "SELECT " + GrantRows.GrantColumns + " FROM agent_grants WHERE grant_id = $grant_id";
    private const string SelectGrants = "SELECT " + GrantRows.GrantColumns + " FROM agent_grants WHERE account_id = $account_id ORDER BY created_at, grant_id";
    private const string DeleteGrant = "DELETE FROM agent_grants WHERE grant_id = $grant_id RETURNING " + GrantRows.GrantColumns;
    private const string DeleteGrantCredentials = "DELETE FROM grant_credentials WHERE grant_id = $grant_id";
    private const string InsertCredential =
        "INSERT INTO grant_credentials (" + GrantRows.CredentialColumns + ") VALUES ($hash, $kind, $grant_id, $expires_at, $used_at)";
    private const string SelectCredential = "SELECT " + GrantRows.CredentialColumns + " FROM grant_credentials WHERE hash = $hash";
    private const string MarkCredentialUsed = "UPDATE grant_credentials SET used_at = $now WHERE hash = $hash AND used_at IS NULL";
    private const string CountClients = "SELECT COUNT(*) FROM oauth_clients";
    private const string DeleteExpiredCredentials =
        "DELETE FROM grant_credentials WHERE expires_at < $now OR grant_id IN (SELECT grant_id FROM agent_grants WHERE expires_at < $now)";
    private const string DeleteExpiredGrants = "DELETE FROM agent_grants WHERE expires_at < $now";
    private const string DeleteUnusedClients =
        "DELETE FROM oauth_clients WHERE created_at < $before AND NOT EXISTS (SELECT 1 FROM agent_grants g WHERE g.client_id = oauth_clients.client_id)";

    public Task InsertOAuthClientAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return WriteAsync(s => GrantRows.Bind(s.Command(InsertClient), client).ExecuteNonQuery(), cancellationToken);
    }

    public Task<OAuthClient?> GetOAuthClientAsync(string clientId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.Command(SelectClient).With("$client_id", clientId).ReadFirstOrDefault(GrantRows.ReadClient), cancellationToken);

    public Task InsertAgentGrantAsync(AgentGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return WriteAsync(s => GrantRows.Bind(s.Command(InsertGrant), grant).ExecuteNonQuery(), cancellationToken);
    }

    public Task<AgentGrant?> GetAgentGrantAsync(string grantId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.Command(SelectGrant).With("$grant_id", grantId).ReadFirstOrDefault(GrantRows.ReadGrant), cancellationToken);

    public async Task<IReadOnlyList<AgentGrant>> ListAgentGrantsAsync(string accountId, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.Command(SelectGrants).With("$account_id", accountId).ReadAll(GrantRows.ReadGrant), cancellationToken).ConfigureAwait(false);

    public Task<AgentGrant?> DeleteAgentGrantAsync(string grantId, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            var grant = s.Command(DeleteGrant).With("$grant_id", grantId).ReadFirstOrDefault(GrantRows.ReadGrant);
            s.Command(DeleteGrantCredentials).With("$grant_id", grantId).ExecuteNonQuery();
            return grant;
        }, cancellationToken);

    public Task InsertGrantCredentialAsync(GrantCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return WriteAsync(s => s.Command(InsertCredential)
            .With("$hash", credential.Hash)
            .With("$kind", (long)credential.Kind)
            .With("$grant_id", credential.GrantId)
            .With("$expires_at", credential.ExpiresAt)
            .With("$used_at", credential.UsedAt)
            .ExecuteNonQuery(), cancellationToken);
    }

    public Task<int> CountOAuthClientsAsync(CancellationToken cancellationToken) =>
        ReadAsync(s => Convert.ToInt32(s.Command(CountClients).Scalar(), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    public Task<int> DeleteExpiredOAuthAsync(long now, long unusedClientsBefore, CancellationToken cancellationToken) =>
        WriteAsync(s =>
            s.Command(DeleteExpiredCredentials).With("$now", now).ExecuteNonQuery()
            + s.Command(DeleteExpiredGrants).With("$now", now).ExecuteNonQuery()
            + s.Command(DeleteUnusedClients).With("$before", unusedClientsBefore).ExecuteNonQuery(), cancellationToken);

    /// <remarks>The single writer runs the read and the mark in one transaction, so exactly one of two concurrent uses is first.</remarks>
    public Task<GrantCredential?> UseGrantCredentialAsync(string hash, long now, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            var credential = s.Command(SelectCredential).With("$hash", hash).ReadFirstOrDefault(GrantRows.ReadCredential);
            if (credential is { UsedAt: null })
            {
                s.Command(MarkCredentialUsed).With("$hash", hash).With("$now", now).ExecuteNonQuery();
            }
            return credential;
        }, cancellationToken);
}
