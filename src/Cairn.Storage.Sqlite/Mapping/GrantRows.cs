using Cairn.Core.OAuth;
using Cairn.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite.Mapping;

/// <summary>Maps agent sign-in records to and from <c>oauth_clients</c>, <c>agent_grants</c> and <c>grant_credentials</c>.</summary>
internal static class GrantRows
{
    public const string ClientColumns = "client_id, client_name, redirect_uris, created_at";

    public const string GrantColumns =
        "grant_id, account_id, key_id, client_id, client_name, capabilities, bucket_ids, name_prefix, resource, redirect_uri, code_challenge, created_at, expires_at";

    public const string GrantParameters =
        "$grant_id, $account_id, $key_id, $client_id, $client_name, $capabilities, $bucket_ids, $name_prefix, $resource, $redirect_uri, $code_challenge, $created_at, $expires_at";

    public const string CredentialColumns = "hash, kind, grant_id, expires_at, used_at";

    public static OAuthClient ReadClient(SqliteDataReader reader) => new()
    {
        ClientId = reader.GetString(0),
        ClientName = reader.GetString(1),
        RedirectUris = StoreJson.ReadList(reader.GetString(2)),
        CreatedAt = reader.GetInt64(3),
    };

    public static SqliteCommand Bind(SqliteCommand command, OAuthClient client) => command
        .With("$client_id", client.ClientId)
        .With("$client_name", client.ClientName)
        .With("$redirect_uris", StoreJson.Write(client.RedirectUris))
        .With("$created_at", client.CreatedAt);

    public static AgentGrant ReadGrant(SqliteDataReader reader) => new()
    {
        GrantId = reader.GetString(0),
        AccountId = reader.GetString(1),
        ApplicationKeyId = reader.GetString(2),
        ClientId = reader.GetString(3),
        ClientName = reader.GetString(4),
        Capabilities = StoreJson.ReadList(reader.GetString(5)),
        BucketIds = reader.NullableString(6) is { } bucketIds ? StoreJson.ReadList(bucketIds) : null,
        NamePrefix = reader.NullableString(7),
        Resource = reader.GetString(8),
        RedirectUri = reader.GetString(9),
        CodeChallenge = reader.GetString(10),
        CreatedAt = reader.GetInt64(11),
        ExpiresAt = reader.GetInt64(12),
    };

    public static SqliteCommand Bind(SqliteCommand command, AgentGrant grant) => command
        .With("$grant_id", grant.GrantId)
        .With("$account_id", grant.AccountId)
        .With("$key_id", grant.ApplicationKeyId)
        .With("$client_id", grant.ClientId)
        .With("$client_name", grant.ClientName)
        .With("$capabilities", StoreJson.Write(grant.Capabilities))
        .With("$bucket_ids", grant.BucketIds is null ? null : StoreJson.Write(grant.BucketIds))
        .With("$name_prefix", grant.NamePrefix)
        .With("$resource", grant.Resource)
        .With("$redirect_uri", grant.RedirectUri)
        .With("$code_challenge", grant.CodeChallenge)
        .With("$created_at", grant.CreatedAt)
        .With("$expires_at", grant.ExpiresAt);

    public static GrantCredential ReadCredential(SqliteDataReader reader) => new()
    {
        Hash = reader.GetString(0),
        Kind = (GrantCredentialKind)reader.GetInt64(1),
        GrantId = reader.GetString(2),
        ExpiresAt = reader.GetInt64(3),
        UsedAt = reader.NullableInt64(4),
    };
}
