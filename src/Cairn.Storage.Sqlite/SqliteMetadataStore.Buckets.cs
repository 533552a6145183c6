using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Storage.Sqlite.Internal;
using Cairn.Storage.Sqlite.Mapping;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string InsertBucket = "INSERT INTO buckets (" + BucketRows.Columns + ") VALUES (" + BucketRows.Parameters + ")";

    private const string SelectBucket = "SELECT " + BucketRows.Columns + " FROM buckets WHERE bucket_id = $bucket_id";

    // COLLATE NOCASE folds ASCII letters only, exactly like the unique index buckets_by_name, which serves this lookup.
    private const string SelectBucketByName =
        "SELECT " + BucketRows.Columns + " FROM buckets WHERE bucket_name = $bucket_name COLLATE NOCASE";

    private const string SelectNameTaken =
        "SELECT 1 FROM buckets WHERE bucket_name = $bucket_name COLLATE NOCASE AND bucket_id <> $bucket_id";

    private const string SelectBuckets =
        "SELECT " + BucketRows.Columns + " FROM buckets WHERE account_id = $account_id ORDER BY bucket_name";

    private const string UpdateBucket =
        "UPDATE buckets SET account_id = $account_id, bucket_name = $bucket_name, bucket_type = $bucket_type, " +
        "bucket_info = $bucket_info, cors_rules = $cors_rules, lifecycle_rules = $lifecycle_rules, revision = $revision, " +
        "default_sse = $default_sse, file_lock_enabled = $file_lock_enabled, created_at = $created_at, " +
        "default_retention = $default_retention, replication = $replication " +
        "WHERE bucket_id = $bucket_id AND revision = $expected_revision";

    private const string SelectBucketExists = "SELECT 1 FROM buckets WHERE bucket_id = $bucket_id";

    // Parts belong to versions through a foreign key, so a bucket without versions has no parts either.
    private const string SelectBucketHasVersions = "SELECT 1 FROM file_versions WHERE bucket_id = $bucket_id LIMIT 1";

    private const string DeleteBucket = "DELETE FROM buckets WHERE bucket_id = $bucket_id";

    /// <summary>SQLITE_CONSTRAINT_UNIQUE.</summary>
    private const int SqliteConstraintUnique = 2067;

    public Task InsertBucketAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return WriteAsync(s =>
        {
            // Checked first so that the answer is the domain error; the unique index still guarantees it.
            ThrowIfNameTaken(s, bucket);
            return BucketRows.Bind(s.Command(InsertBucket), bucket).ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<Bucket?> GetBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.Command(SelectBucket).With("$bucket_id", bucketId).ReadFirstOrDefault(BucketRows.Read), cancellationToken);

    public Task<Bucket?> GetBucketByNameAsync(string bucketName, CancellationToken cancellationToken) =>
        ReadAsync(s => s.Command(SelectBucketByName).With("$bucket_name", bucketName).ReadFirstOrDefault(BucketRows.Read), cancellationToken);

    public async Task<IReadOnlyList<Bucket>> ListBucketsAsync(string accountId, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.Command(SelectBuckets).With("$account_id", accountId).ReadAll(BucketRows.Read), cancellationToken)
            .ConfigureAwait(false);

    public Task<bool> UpdateBucketAsync(Bucket bucket, long expectedRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return WriteAsync(s =>
        {
            try
            {
                return BucketRows.Bind(s.Command(UpdateBucket), bucket).With("$expected_revision", expectedRevision).ExecuteNonQuery() == 1;
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintUnique)
            {
                // Only buckets_by_name can be violated: the update keeps the primary key.
                throw DuplicateBucketName();
            }
        }, cancellationToken);
    }

    public Task<BucketDeleteResult> DeleteBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            if (!BucketExists(s, bucketId))
            {
                return BucketDeleteResult.NotFound;
            }
            if (s.Command(SelectBucketHasVersions).With("$bucket_id", bucketId).Scalar() is not null)
            {
                return BucketDeleteResult.NotEmpty;
            }
            s.Command(DeleteBucket).With("$bucket_id", bucketId).ExecuteNonQuery();
            return BucketDeleteResult.Deleted;
        }, cancellationToken);

    private static void ThrowIfNameTaken(SqliteSession session, Bucket bucket)
    {
        var taken = session.Command(SelectNameTaken)
            .With("$bucket_name", bucket.BucketName)
            .With("$bucket_id", bucket.BucketId)
            .Scalar();
        if (taken is not null)
        {
            throw DuplicateBucketName();
        }
    }

    private static CairnException DuplicateBucketName() => new(CairnError.DuplicateBucketName, "Bucket name is already in use.");

    /// <summary>Whether the bucket exists, as seen inside the current transaction.</summary>
    private static bool BucketExists(SqliteSession session, string bucketId) =>
        session.Command(SelectBucketExists).With("$bucket_id", bucketId).Scalar() is not null;
}
