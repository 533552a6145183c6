using System.Globalization;
using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Cairn.S3.Xml;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Objects;

/// <summary>
/// Object Lock on S3's wire: the <c>x-amz-object-lock-*</c> headers of writes and reads, the upper-case modes
/// (<c>GOVERNANCE</c> ↔ B2's governance) and ISO 8601 dates (↔ B2's milliseconds). Core decides everything else.
/// </summary>
public static class ObjectLockHeaders
{
    public const string ModeHeader = "x-amz-object-lock-mode";
    public const string RetainUntilHeader = "x-amz-object-lock-retain-until-date";
    public const string LegalHoldHeader = "x-amz-object-lock-legal-hold";
    public const string BypassGovernanceHeader = "x-amz-bypass-governance-retention";

    /// <summary>B2's mode for S3's; anything else goes on as sent and Core refuses it.</summary>
    public static string ModeFromS3(string mode) => mode switch
    {
        "GOVERNANCE" => FileRetention.Governance,
        "COMPLIANCE" => FileRetention.Compliance,
        _ => mode,
    };

    /// <summary>B2's legal hold (on/off) for S3's ON/OFF; anything else goes on as sent and Core refuses it.</summary>
    public static string LegalHoldFromS3(string status) => status switch
    {
        "ON" => ObjectLock.On,
        "OFF" => ObjectLock.Off,
        _ => status,
    };

    public static string LegalHoldToS3(string legalHold) => legalHold == ObjectLock.On ? "ON" : "OFF";

    /// <summary>An ISO 8601 date (<c>2030-01-01T00:00:00Z</c>, with or without milliseconds) as milliseconds since the epoch.</summary>
    public static long DateFromS3(string value, string what) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date.ToUnixTimeMilliseconds()
            : throw S3Exception.InvalidArgument($"The {what} must be an ISO 8601 date");

    /// <summary>Whether <c>x-amz-bypass-governance-retention: true</c> is present.</summary>
    public static bool Bypass(IHeaderDictionary headers) =>
        string.Equals(headers[BypassGovernanceHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a write (PutObject, CreateMultipartUpload, CopyObject) asks for; mode and date come together.</summary>
    public static LockRequest From(IHeaderDictionary headers)
    {
        var mode = headers[ModeHeader].ToString();
        var until = headers[RetainUntilHeader].ToString();
        var hold = headers[LegalHoldHeader].ToString();
        if (mode.Length > 0 != until.Length > 0)
        {
            throw S3Exception.InvalidArgument($"{ModeHeader} and {RetainUntilHeader} must both be supplied");
        }
        var retention = mode.Length > 0 ? new FileRetention(ModeFromS3(mode), DateFromS3(until, RetainUntilHeader)) : null;
        return retention is null && hold.Length == 0 ? LockRequest.None : new LockRequest(retention, hold.Length > 0 ? LegalHoldFromS3(hold) : null);
    }

    /// <summary>A version's lock on a GET or HEAD, each field only when Core says the reader may see it.</summary>
    public static void Write(IHeaderDictionary headers, FileVersion version, LockVisibility? visibility)
    {
        if (visibility is not { } visible)
        {
            return;
        }
        if (visible.Retention && version.Retention is { } retention)
        {
            headers[ModeHeader] = retention.Mode.ToUpperInvariant();
            headers[RetainUntilHeader] = S3Xml.Timestamp(retention.RetainUntilTimestamp);
        }
        if (visible.LegalHold && version.LegalHold is { } hold)
        {
            headers[LegalHoldHeader] = LegalHoldToS3(hold);
        }
    }
}
