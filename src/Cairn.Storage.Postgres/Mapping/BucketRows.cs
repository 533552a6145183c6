using Cairn.Core.Buckets;
using Cairn.Storage.Postgres.Internal;
using Npgsql;

namespace Cairn.Storage.Postgres.Mapping;

/// <summary>Maps <see cref="Bucket"/> to and from the <c>buckets</c> table.</summary>
internal static class BucketRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "bucket_id, account_id, bucket_name, bucket_type, bucket_info, cors_rules, lifecycle_rules, revision, default_sse, file_lock_enabled, created_at, default_retention, replication";

    /// <summary>Parameters named after the columns, in the same order.</summary>
    public const string Parameters =
        "@bucket_id, @account_id, @bucket_name, @bucket_type, @bucket_info, @cors_rules, @lifecycle_rules, @revision, @default_sse, @file_lock_enabled, @created_at, @default_retention, @replication";

    public static Bucket Read(NpgsqlDataReader reader) => new()
    {
        BucketId = reader.GetString(0),
        AccountId = reader.GetString(1),
        BucketName = reader.GetString(2),
        BucketType = reader.GetString(3),
        BucketInfo = StoreJson.ReadMap(reader.GetString(4)),
        CorsRulesJson = reader.GetString(5),
        LifecycleRules = StoreJson.ReadRules(reader.GetString(6)),
        Revision = reader.GetInt64(7),
        DefaultServerSideEncryption = reader.NullableString(8),
        FileLockEnabled = reader.GetBoolean(9),
        CreatedAt = reader.GetInt64(10),
        DefaultRetention = reader.NullableString(11) is { } retention ? StoreJson.ReadRetention(retention) : null,
        ReplicationConfigurationJson = reader.NullableString(12),
    };

    public static NpgsqlCommand Bind(NpgsqlCommand command, Bucket bucket) => command
        .With("bucket_id", bucket.BucketId)
        .With("account_id", bucket.AccountId)
        .With("bucket_name", bucket.BucketName)
        .With("bucket_type", bucket.BucketType)
        .With("bucket_info", StoreJson.Write(bucket.BucketInfo))
        .With("cors_rules", bucket.CorsRulesJson)
        .With("lifecycle_rules", StoreJson.Write(bucket.LifecycleRules))
        .With("revision", bucket.Revision)
        .With("default_sse", bucket.DefaultServerSideEncryption)
        .With("file_lock_enabled", bucket.FileLockEnabled)
        .With("created_at", bucket.CreatedAt)
        .With("default_retention", bucket.DefaultRetention is null ? null : StoreJson.Write(bucket.DefaultRetention))
        .With("replication", bucket.ReplicationConfigurationJson);
}
