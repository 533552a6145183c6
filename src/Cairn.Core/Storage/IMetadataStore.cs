using Cairn.Core.Buckets;
using Cairn.Core.Files;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.Core.Notifications;
using Cairn.Core.OAuth;
using Cairn.Core.Replication;

namespace Cairn.Core.Storage;

/// <summary>
/// The metadata port: accounts, keys, buckets, file versions and parts. Implementations: SQLite (the embedded
/// default), in-memory (hermetic mode), PostgreSQL (many nodes). Every implementation passes the same contract
/// suite in <c>test/Cairn.Storage.Tests</c>.
/// </summary>
/// <remarks>
/// <para>Every method that changes state returns only after the change is durable (for stores that persist).
/// Implementations may batch concurrent writes into one transaction (group commit); each caller still
/// waits for its own change to be durable.</para>
/// <para>File names are ordered by their UTF-8 bytes (unsigned), which equals Unicode code point order
/// (<see cref="FileNameOrder"/>). Within one name, versions are ordered newest first, where "newest" means
/// most recently inserted by <see cref="InsertFileVersionAsync"/>; finishing a large file keeps its place. Upload
/// timestamps follow the same order: the insert raises a version's timestamp above the newest one of its name, in
/// the transaction that orders it, so newest first is also latest <see cref="FileVersion.UploadTimestamp"/> first.</para>
/// <para>The "current" version of a name is its newest version whose action is <see cref="FileAction.Upload"/>
/// or <see cref="FileAction.Hide"/>; unfinished large files (<see cref="FileAction.Start"/>) never count.
/// A name is visible when its current version is an upload.</para>
/// <para>Stores check only structural facts (ids exist, names are unique, a bucket is empty). Every B2 rule
/// is the object service's.</para>
/// </remarks>
public interface IMetadataStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Called once at start-up before anything else.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    // ---- settings -------------------------------------------------------------------------------------

    /// <summary>Returns the stored value of a server setting, or inserts <paramref name="value"/> and returns it.</summary>
    Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken);

    // ---- account and keys ------------------------------------------------------------------------------

    /// <summary>The server's account, or null before the first start has created it.</summary>
    Task<Account?> GetAccountAsync(CancellationToken cancellationToken);

    /// <summary>Stores the account unless one exists; returns the one that is stored.</summary>
    Task<Account> GetOrAddAccountAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Inserts a key, or replaces the key with the same id.</summary>
    Task UpsertKeyAsync(ApplicationKey key, CancellationToken cancellationToken);

    Task<ApplicationKey?> GetKeyAsync(string applicationKeyId, CancellationToken cancellationToken);

    /// <summary>The account's master key (<see cref="ApplicationKey.IsMaster"/>), or null.</summary>
    Task<ApplicationKey?> GetMasterKeyAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Non-master keys of the account with id ≥ <paramref name="startApplicationKeyId"/> (ordinal), ordered by
    /// id, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ApplicationKey>> ListKeysAsync(string accountId, string? startApplicationKeyId, int limit, CancellationToken cancellationToken);

    /// <summary>Removes a key; returns it, or null when no such key existed.</summary>
    Task<ApplicationKey?> DeleteKeyAsync(string applicationKeyId, CancellationToken cancellationToken);

    // ---- buckets --------------------------------------------------------------------------------------

    /// <summary>
    /// Inserts a bucket. Throws <see cref="Errors.CairnException"/> with <see cref="Errors.CairnError.DuplicateBucketName"/>
    /// when any bucket on the server already has the same name compared case-insensitively (ASCII).
    /// </summary>
    Task InsertBucketAsync(Bucket bucket, CancellationToken cancellationToken);

    Task<Bucket?> GetBucketAsync(string bucketId, CancellationToken cancellationToken);

    /// <summary>Finds a bucket by name, compared case-insensitively (ASCII).</summary>
    Task<Bucket?> GetBucketByNameAsync(string bucketName, CancellationToken cancellationToken);

    /// <summary>The account's buckets ordered by name (ordinal).</summary>
    Task<IReadOnlyList<Bucket>> ListBucketsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored bucket (same id) with <paramref name="bucket"/> if and only if the stored revision is
    /// <paramref name="expectedRevision"/>; returns false (and changes nothing) otherwise or when it does not exist.
    /// </summary>
    Task<bool> UpdateBucketAsync(Bucket bucket, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Deletes the bucket only if it holds no version of any kind and no part.</summary>
    Task<BucketDeleteResult> DeleteBucketAsync(string bucketId, CancellationToken cancellationToken);

    // ---- file versions --------------------------------------------------------------------------------

    /// <summary>
    /// Adds a version (upload, hide marker or unfinished large file) as the newest of its name and returns it as
    /// stored. Its <see cref="FileVersion.UploadTimestamp"/> is a lower bound: inside the write transaction that
    /// makes it the newest, the store sets it to the larger of that and one more than the timestamp of the name's
    /// newest version, so that two writers who read the clock in one order and commit in the other still leave
    /// the newer version with the later timestamp. Throws <see cref="Errors.CairnException"/> with
    /// <see cref="Errors.CairnError.BucketNotFound"/> when its bucket does not exist (for instance because it was
    /// deleted meanwhile).
    /// </summary>
    Task<FileVersion> InsertFileVersionAsync(FileVersion version, CancellationToken cancellationToken);

    Task<FileVersion?> GetFileVersionAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>The current version of a name (newest upload or hide marker), or null.</summary>
    Task<FileVersion?> GetCurrentVersionAsync(string bucketId, string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// The current versions of visible names that start with <paramref name="prefix"/> and are ≥
    /// <paramref name="startFileName"/>, in name order, at most <paramref name="limit"/>. Must cost in proportion
    /// to what it returns (plus hidden names skipped), not to the size of the bucket. Segments are not part of a
    /// listing: a store may leave them empty, and a caller that needs a version's bytes gets the version by id.
    /// </summary>
    Task<IReadOnlyList<FileVersion>> ListCurrentVersionsAsync(string bucketId, string prefix, string startFileName, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Every version (upload, hide, start) of names that start with <paramref name="prefix"/>, ordered by name
    /// then newest first, beginning at <paramref name="startFileName"/> (inclusive). When
    /// <paramref name="startFileId"/> names a version of <paramref name="startFileName"/>, the listing begins at
    /// that version (inclusive) and skips newer versions of the same name. At most <paramref name="limit"/>.
    /// As with <see cref="ListCurrentVersionsAsync"/>, segments may be left empty.
    /// </summary>
    Task<IReadOnlyList<FileVersion>> ListFileVersionsAsync(string bucketId, string prefix, string startFileName, string? startFileId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes one version (and, for an unfinished large file, its parts). Returns it with the blob ids that
    /// nothing references any more, or null when no such version existed. With <paramref name="unfinishedOnly"/>,
    /// only an unfinished large file is removed, decided in the same transaction as the delete, so a cancel racing
    /// a finish can never remove the finished file.
    /// </summary>
    Task<DeletedFileVersion?> DeleteFileVersionAsync(string fileId, bool unfinishedOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a version's Object Lock state (retention and legal hold) with the given values. Returns false when no
    /// such version exists.
    /// </summary>
    Task<bool> UpdateFileLockAsync(string fileId, FileRetention? retention, string? legalHold, CancellationToken cancellationToken);

    // ---- large files ----------------------------------------------------------------------------------

    /// <summary>Unfinished large files of the bucket whose names start with <paramref name="prefix"/>, oldest first,
    /// beginning at <paramref name="startFileId"/> (inclusive) when given, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<FileVersion>> ListUnfinishedLargeFilesAsync(string bucketId, string prefix, string? startFileId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a part, replacing an earlier part with the same number. Returns the blob ids freed by the
    /// replacement. Throws <see cref="Errors.CairnException"/> with <see cref="Errors.CairnError.FileNotPresent"/>
    /// when the file is not an unfinished large file.
    /// </summary>
    Task<IReadOnlyList<string>> UpsertPartAsync(Part part, CancellationToken cancellationToken);

    /// <summary>Parts of an unfinished large file with number ≥ <paramref name="startPartNumber"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Part>> ListPartsAsync(string fileId, int startPartNumber, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically turns an unfinished large file into <paramref name="finished"/> (same id and place among the
    /// versions of its name, action upload) and drops its part rows (their blobs stay, referenced by the
    /// finished version's segments). Returns false when the file is no longer an unfinished large file.
    /// Throws <see cref="Errors.CairnException"/> with <see cref="Errors.CairnError.PartSha1Mismatch"/>, changing
    /// nothing, when the segments are not exactly the file's current parts' blobs in part-number order: a part
    /// replaced after the caller listed the parts would otherwise leave the finished version naming a freed blob.
    /// The check and the finish are one transaction.
    /// </summary>
    Task<bool> FinishLargeFileAsync(FileVersion finished, CancellationToken cancellationToken);

    // ---- leases ---------------------------------------------------------------------------------------

    /// <summary>
    /// Takes or renews the named lease for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="duration"/>.
    /// Succeeds when nobody holds it, when its holder's time ran out (expiry ≤ <paramref name="now"/>), or when
    /// <paramref name="holder"/> already holds it; otherwise returns false and changes nothing. Background jobs
    /// (lifecycle rules, sweeps) take one so that a single node runs each at a time.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    // ---- event notifications --------------------------------------------------------------------------

    /// <summary>The bucket's event notification rules ordered by name (ordinal); empty when it has none or does not exist.</summary>
    Task<IReadOnlyList<NotificationRule>> GetNotificationRulesAsync(string bucketId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the bucket's rules with <paramref name="rules"/> (stored as given, suspension included). Returns false
    /// and changes nothing when the bucket does not exist. A bucket's rules go away with it.
    /// </summary>
    Task<bool> SetNotificationRulesAsync(string bucketId, IReadOnlyList<NotificationRule> rules, CancellationToken cancellationToken);

    /// <summary>
    /// In one change, marks the bucket's rule <paramref name="ruleName"/> suspended with <paramref name="reason"/> and
    /// removes every queued event for it. Returns false when there is no such rule (queued events for it are still removed).
    /// </summary>
    Task<bool> SuspendNotificationRuleAsync(string bucketId, string ruleName, string reason, CancellationToken cancellationToken);

    /// <summary>Adds events to the outbox, after every event already queued. Event ids are unique.</summary>
    Task EnqueueNotificationEventsAsync(IReadOnlyList<NotificationEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Queued events whose <see cref="NotificationEvent.NextAttemptAt"/> ≤ <paramref name="now"/> (milliseconds since the
    /// Unix epoch), in the order they were queued, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<NotificationEvent>> ListDueNotificationEventsAsync(long now, int limit, CancellationToken cancellationToken);

    /// <summary>Removes delivered or dropped events from the outbox; ids not queued are ignored.</summary>
    Task DeleteNotificationEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: sets the events' attempt count and the earliest time of their next attempt.</summary>
    Task RescheduleNotificationEventsAsync(IReadOnlyCollection<string> eventIds, int attempts, long nextAttemptAt, CancellationToken cancellationToken);

    // ---- Cloud Replication ----------------------------------------------------------------------------

    // The outbox has no enqueue method: InsertFileVersionAsync queues an upload whose ReplicationStatus is pending, and
    // FinishLargeFileAsync queues a finished large file that was started pending, each in the transaction of its change.

    /// <summary>
    /// Queued replications whose <see cref="ReplicationTask.NextAttemptAt"/> ≤ <paramref name="now"/> (milliseconds since
    /// the Unix epoch), in the order they were queued, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ReplicationTask>> ListDueReplicationsAsync(long now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// In one change, sets the version's replication status to <paramref name="status"/> (when the version still exists)
    /// and removes it from the outbox.
    /// </summary>
    Task CompleteReplicationAsync(string fileId, string status, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: the attempt count and the earliest time of the next attempt.</summary>
    Task RescheduleReplicationAsync(string fileId, int attempts, long nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>
    /// The <c>includeExistingFiles</c> backfill: in one change, marks every upload of the bucket whose name starts with
    /// <paramref name="prefix"/> and that has no replication status yet as <see cref="Replication.ReplicationStatus.Pending"/>
    /// and queues it, oldest first. Versions already replicated, pending, failed or replicas are left alone. Returns how
    /// many were queued.
    /// </summary>
    Task<int> QueueExistingForReplicationAsync(string bucketId, string prefix, CancellationToken cancellationToken);

    // ---- agent sign-in (OAuth) ------------------------------------------------------------------------

    /// <summary>Stores a newly registered client (its id is fresh and unique).</summary>
    Task InsertOAuthClientAsync(OAuthClient client, CancellationToken cancellationToken);

    Task<OAuthClient?> GetOAuthClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Stores a new grant (its id is fresh and unique).</summary>
    Task InsertAgentGrantAsync(AgentGrant grant, CancellationToken cancellationToken);

    Task<AgentGrant?> GetAgentGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>The account's grants, oldest first (by <see cref="AgentGrant.CreatedAt"/>, then id).</summary>
    Task<IReadOnlyList<AgentGrant>> ListAgentGrantsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Removes a grant and every credential of it, in one change; returns the grant, or null when there was none.</summary>
    Task<AgentGrant?> DeleteAgentGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>Stores a credential of a grant (its hash is unique).</summary>
    Task InsertGrantCredentialAsync(GrantCredential credential, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the credential used at <paramref name="now"/> unless it was used before, and returns it as it was before
    /// this call: <see cref="GrantCredential.UsedAt"/> null means this call was its first use. Null when no such
    /// credential exists. Read and mark are one atomic change, so of two concurrent uses exactly one is the first.
    /// </summary>
    Task<GrantCredential?> UseGrantCredentialAsync(string hash, long now, CancellationToken cancellationToken);

    /// <summary>How many clients are registered.</summary>
    Task<int> CountOAuthClientsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what can no longer be used, in one change: credentials that expired before <paramref name="now"/> (used
    /// or not), grants that expired before it with all their credentials, and clients registered before
    /// <paramref name="unusedClientsBefore"/> that no remaining grant names. Returns how many rows went.
    /// </summary>
    Task<int> DeleteExpiredOAuthAsync(long now, long unusedClientsBefore, CancellationToken cancellationToken);

    // ---- blobs ----------------------------------------------------------------------------------------

    /// <summary>Of the given blob ids, those referenced by no version segment and no part.</summary>
    Task<IReadOnlyList<string>> FindUnreferencedBlobsAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken);
}
