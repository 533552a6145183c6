using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Core.FileLock;
using Cairn.Core.Keys;

namespace Cairn.Core.Files;

/// <summary>
/// The checks and settings every new version of a name passes before its content is written, whether uploaded whole
/// (b2_upload_file) or started as a large file: name, scope, content type, file info, upload time, Object Lock and
/// encryption, in that order.
/// </summary>
internal static class NewVersionRules
{
    /// <summary>What a new version needs.</summary>
    public readonly record struct Request(
        string BucketId,
        string FileName,
        string ContentType,
        IReadOnlyList<KeyValuePair<string, string>> FileInfo,
        long? CustomUploadTimestamp,
        LockRequest Lock,
        EncryptionRequest? Encryption);

    /// <summary>The version's settings once every check passed.</summary>
    public sealed record Plan(
        Bucket Bucket,
        IReadOnlyDictionary<string, string> FileInfo,
        long UploadTimestamp,
        FileRetention? Retention,
        string? LegalHold,
        FileEncryption? Encryption);

    public static async Task<Plan> CheckAsync(
        Principal principal, Request request, BucketService buckets, ObjectServiceOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        FileNameRules.Validate(request.FileName, options.StrictFileNames);
        principal.RequireName(Capabilities.WriteFiles, request.BucketId, request.FileName);
        if (!ContentTypes.IsValid(request.ContentType))
        {
            throw Fail.BadRequest($"Invalid content type: {request.ContentType}");
        }
        var info = FileInfoRules.Normalize(request.FileName, request.FileInfo);
        var nowMs = now.ToUnixTimeMilliseconds();
        var uploadTimestamp = FileInfoRules.UploadTimestamp(request.CustomUploadTimestamp, nowMs, "custom upload timestamp");
        var bucket = await buckets.GetOwnedAsync(principal, request.BucketId, cancellationToken);
        var (retention, legalHold) = ObjectLock.ForNewVersion(principal, bucket, request.Lock, nowMs);
        var encryption = SseRules.ForNewFile(request.Encryption, bucket);
        if (bucket.FileLockEnabled || encryption is not null)
        {
            FileInfoRules.RequireWithinLockedBudget(request.FileName, info);
        }
        return new Plan(bucket, info, uploadTimestamp, retention, legalHold, encryption);
    }
}
