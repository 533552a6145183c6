using Cairn.Core.Keys;
using Cairn.Storage.Postgres.Internal;
using Npgsql;

namespace Cairn.Storage.Postgres.Mapping;

/// <summary>Maps <see cref="ApplicationKey"/> to and from the <c>application_keys</c> table.</summary>
internal static class KeyRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "key_id, account_id, key_name, capabilities, bucket_ids, name_prefix, expiration_timestamp, secret_hash, is_master, created_at";

    /// <summary>Parameters named after the columns, in the same order.</summary>
    public const string Parameters =
        "@key_id, @account_id, @key_name, @capabilities, @bucket_ids, @name_prefix, @expiration_timestamp, @secret_hash, @is_master, @created_at";

    public static ApplicationKey Read(NpgsqlDataReader reader) => new()
    {
        ApplicationKeyId = reader.GetString(0),
        AccountId = reader.GetString(1),
        KeyName = reader.GetString(2),
        Capabilities = StoreJson.ReadList(reader.GetString(3)),
        BucketIds = reader.NullableString(4) is { } bucketIds ? StoreJson.ReadList(bucketIds) : null,
        NamePrefix = reader.NullableString(5),
        ExpirationTimestamp = reader.NullableInt64(6),
        SecretHash = reader.GetString(7),
        IsMaster = reader.GetBoolean(8),
        CreatedAt = reader.GetInt64(9),
    };

    public static NpgsqlCommand Bind(NpgsqlCommand command, ApplicationKey key) => command
        .With("key_id", key.ApplicationKeyId)
        .With("account_id", key.AccountId)
        .With("key_name", key.KeyName)
        .With("capabilities", StoreJson.Write(key.Capabilities))
        .With("bucket_ids", key.BucketIds is null ? null : StoreJson.Write(key.BucketIds))
        .With("name_prefix", key.NamePrefix)
        .With("expiration_timestamp", key.ExpirationTimestamp)
        .With("secret_hash", key.SecretHash)
        .With("is_master", key.IsMaster)
        .With("created_at", key.CreatedAt);
}
