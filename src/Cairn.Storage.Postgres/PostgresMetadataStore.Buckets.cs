using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Storage.Postgres.Internal;
using Cairn.Storage.Postgres.Mapping;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    /// <summary>The unique index on lower(bucket_name); lower() under "C" folds exactly the ASCII letters.</summary>
    private const string BucketNameIndex = "buckets_by_name";

    private const string InsertBucket = "INSERT INTO buckets (" + BucketRows.Columns + ") VALUES (" + BucketRows.Parameters + ")";

    private const string SelectBucket = "SELECT " + BucketRows.Columns + " FROM buckets WHERE bucket_id = @bucket_id";

    // Served by buckets_by_name; the parameter is folded under "C" too, so only ASCII letters fold on both sides.
    private const string SelectBucketByName =
        "SELECT " + BucketRows.Columns + " FROM buckets WHERE lower(bucket_name) = lower(@bucket_name COLLATE \"C\")";

    private const string SelectBuckets =
        "SELECT " + BucketRows.Columns + " FROM buckets WHERE account_id = @account_id ORDER BY bucket_name";

    private const string UpdateBucket =
        "UPDATE buckets SET account_id = @account_id, bucket_name = @bucket_name, bucket_type = @bucket_type, " +
        "bucket_info = @bucket_info, cors_rules = @cors_rules, lifecycle_rules = @lifecycle_rules, revision = @revision, " +
        "default_sse = @default_sse, file_lock_enabled = @file_lock_enabled, created_at = @created_at, " +
        "default_retention = @default_retention, replication = @replication " +
        "WHERE bucket_id = @bucket_id AND revision = @expected_revision";

    // Deleting locks the bucket against everything that adds to it (they lock it FOR KEY SHARE) and waits for those
    // already running; the check after it then sees what they committed.
    private const string LockBucketForDelete = "SELECT 1 FROM buckets WHERE bucket_id = @bucket_id FOR UPDATE";

    // Parts belong to versions through a foreign key, so a bucket without versions has no parts either.
    private const string SelectBucketHasVersions = "SELECT 1 FROM file_versions WHERE bucket_id = @bucket_id LIMIT 1";

    private const string DeleteBucket = "DELETE FROM buckets WHERE bucket_id = @bucket_id";

    /// <summary>Locks the bucket against deletion until the transaction ends; no row when it does not exist.</summary>
    private const string LockBucketShared = "SELECT 1 FROM buckets WHERE bucket_id = @bucket_id FOR KEY SHARE";

    public Task InsertBucketAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return WriteAsync(async (s, ct) =>
        {
            try
            {
                return await BucketRows.Bind(s.Command(InsertBucket), bucket).ExecuteAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (PostgresErrors.IsUniqueViolation(ex, BucketNameIndex))
            {
                throw DuplicateBucketName();
            }
        }, cancellationToken, transaction: false);
    }

    public Task<Bucket?> GetBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        NameRange.HasNul(bucketId) ? Task.FromResult<Bucket?>(null) : ReadAsync((s, ct) => s.Command(SelectBucket).With("bucket_id", bucketId).ReadFirstOrDefaultAsync(BucketRows.Read, ct), cancellationToken);

    public Task<Bucket?> GetBucketByNameAsync(string bucketName, CancellationToken cancellationToken) =>
        NameRange.HasNul(bucketName) ? Task.FromResult<Bucket?>(null) : ReadAsync((s, ct) => s.Command(SelectBucketByName).With("bucket_name", bucketName).ReadFirstOrDefaultAsync(BucketRows.Read, ct), cancellationToken);

    public async Task<IReadOnlyList<Bucket>> ListBucketsAsync(string accountId, CancellationToken cancellationToken) =>
        await ReadAsync((s, ct) => s.Command(SelectBuckets).With("account_id", accountId).ReadAllAsync(BucketRows.Read, ct), cancellationToken)
            .ConfigureAwait(false);

    /// <remarks>One UPDATE: at READ COMMITTED, PostgreSQL re-checks the revision on the newest row after any wait, so it is a compare-and-set.</remarks>
    public Task<bool> UpdateBucketAsync(Bucket bucket, long expectedRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return WriteAsync(async (s, ct) =>
        {
            try
            {
                return await BucketRows.Bind(s.Command(UpdateBucket), bucket).With("expected_revision", expectedRevision).ExecuteAsync(ct).ConfigureAwait(false) == 1;
            }
            catch (Exception ex) when (PostgresErrors.IsUniqueViolation(ex, BucketNameIndex))
            {
                throw DuplicateBucketName();
            }
        }, cancellationToken, transaction: false);
    }

    public Task<BucketDeleteResult> DeleteBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        WriteAsync(async (s, ct) =>
        {
            if (await s.Command(LockBucketForDelete).With("bucket_id", bucketId).ScalarAsync(ct).ConfigureAwait(false) is null)
            {
                return BucketDeleteResult.NotFound;
            }
            if (await s.Command(SelectBucketHasVersions).With("bucket_id", bucketId).ScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                return BucketDeleteResult.NotEmpty;
            }
            await s.Command(DeleteBucket).With("bucket_id", bucketId).ExecuteAsync(ct).ConfigureAwait(false);
            return BucketDeleteResult.Deleted;
        }, cancellationToken);

    private static CairnException DuplicateBucketName() => new(CairnError.DuplicateBucketName, "Bucket name is already in use.");

    /// <summary>Whether the bucket exists, locking it against deletion until the transaction ends.</summary>
    private static async Task<bool> LockBucketAsync(PostgresSession session, string bucketId, CancellationToken cancellationToken) =>
        await session.Command(LockBucketShared).With("bucket_id", bucketId).ScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
}
