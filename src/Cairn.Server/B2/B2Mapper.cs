using System.Text.Json;
using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Cairn.Core.LargeFiles;
using Cairn.Server.B2.Encryption;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2;

/// <summary>From the object service's records to B2's response objects.</summary>
public static class B2Mapper
{
    private static readonly IReadOnlyList<string> S3Options = ["s3"];
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();
    private static readonly EncryptionSetting NoEncryption = new(null, null);

    public static BucketResponse ToResponse(Bucket bucket, Principal principal)
    {
        var visible = BucketVisibility.Of(principal);
        var encryption = visible.Encryption
            ? new EncryptionSettingWrapper(true, bucket.DefaultServerSideEncryption is null ? NoEncryption : new EncryptionSetting("AES256", bucket.DefaultServerSideEncryption))
            : new EncryptionSettingWrapper(false, null);
        var fileLock = visible.FileLock
            ? new FileLockConfigurationWrapper(true, new FileLockConfiguration(
                bucket.DefaultRetention is { } d ? new DefaultRetentionResponse(d.Mode, new RetentionPeriod(d.Duration, d.Unit)) : new DefaultRetentionResponse(null, null),
                bucket.FileLockEnabled))
            : new FileLockConfigurationWrapper(false, null);
        return new BucketResponse(
            bucket.AccountId,
            bucket.BucketId,
            bucket.BucketInfo,
            bucket.BucketName,
            bucket.BucketType,
            ParseArray(bucket.CorsRulesJson),
            encryption,
            fileLock,
            bucket.LifecycleRules.Select(r => new LifecycleRuleResponse(r.DaysFromHidingToDeleting, r.DaysFromStartingToCancelingUnfinishedLargeFiles, r.DaysFromUploadingToHiding, r.FileNamePrefix)).ToList(),
            S3Options,
            visible.Replication
                ? new ReplicationConfigurationWrapper(true, bucket.ReplicationConfigurationJson is null ? null : ParseObject(bucket.ReplicationConfigurationJson))
                : new ReplicationConfigurationWrapper(false, null),
            bucket.Revision);
    }

    public static FileVersionResponse ToResponse(FileVersion version, int apiVersion, Principal? principal, bool listing = false, string? actionOverride = null)
    {
        var isHide = version.Action == FileAction.Hide;
        // No principal: the answer to the writer itself (an upload, a copy), who sees everything it wrote.
        var visible = principal is null ? new LockVisibility(true, true) : LockVisibility.Of(principal);
        return new FileVersionResponse(
            version.AccountId,
            actionOverride ?? ActionName(version.Action),
            version.BucketId,
            version.ContentLength,
            version.ContentMd5,
            version.ContentSha1,
            version.ContentType,
            version.FileId,
            version.FileInfo,
            version.FileName,
            isHide ? null : Retention(visible, version),
            isHide ? null : LegalHold(visible, version),
            version.Action == FileAction.Upload ? version.ReplicationStatus : null,
            isHide ? null : SseWire.ToResponse(version.Encryption),
            listing && apiVersion == 1 ? version.ContentLength : null,
            version.UploadTimestamp);
    }

    public static FileVersionResponse ToResponse(ListingEntry entry, string accountId, string bucketId, int apiVersion, Principal principal) =>
        entry.Version is { } version
            ? ToResponse(version, apiVersion, principal, listing: true)
            : new FileVersionResponse(accountId, "folder", bucketId, 0, null, "none", null, null, new Dictionary<string, string>(), entry.FolderName!,
                null, null, null, null, apiVersion == 1 ? 0 : null, 0);

    public static PartResponse ToResponse(Part part) =>
        new(part.ContentLength, part.ContentMd5, part.ContentSha1, part.FileId, part.PartNumber, SseWire.ToResponse(part.Key), part.UploadTimestamp);

    public static string ActionName(FileAction action) => action switch
    {
        FileAction.Upload => "upload",
        FileAction.Start => "start",
        FileAction.Hide => "hide",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static FileRetentionWrapper Retention(LockVisibility visible, FileVersion version) =>
        visible.Retention ? new FileRetentionWrapper(true, ToResponse(version.Retention)) : new FileRetentionWrapper(false, null);

    private static LegalHoldWrapper LegalHold(LockVisibility visible, FileVersion version) =>
        visible.LegalHold ? new(true, version.LegalHold) : new(false, null);

    public static FileRetentionResponse ToResponse(FileRetention? retention) => new(retention?.Mode, retention?.RetainUntilTimestamp);

    private static JsonElement ParseObject(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static JsonElement ParseArray(string json)
    {
        if (json == "[]")
        {
            return EmptyArray;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
