using Cairn.Core.Auth;
using Cairn.Core.FileLock;
using Cairn.Core.Files;

namespace Cairn.Server.Mcp.Tools;

/// <summary>
/// A file version as agents see it. Object Lock fields appear only when Core's <see cref="LockVisibility"/> says the
/// caller may read them; otherwise they are named in <see cref="Withheld"/>.
/// </summary>
public sealed record FileView(
    string FileName,
    string FileId,
    string BucketId,
    string Action,
    long Size,
    string ContentType,
    string ContentSha1,
    string? ContentMd5,
    long UploadTimestamp,
    IReadOnlyDictionary<string, string> FileInfo,
    string? Encryption,
    FileRetention? Retention,
    string? LegalHold,
    IReadOnlyList<string>? Withheld)
{
    public static FileView Of(FileVersion version, Principal caller)
    {
        var visible = LockVisibility.Of(caller);
        var withheld = new List<string>();
        if (!visible.Retention)
        {
            withheld.Add("retention");
        }
        if (!visible.LegalHold)
        {
            withheld.Add("legalHold");
        }
        return new FileView(
            version.FileName,
            version.FileId,
            version.BucketId,
            ActionName(version.Action),
            version.ContentLength,
            version.ContentType,
            version.ContentSha1,
            version.ContentMd5,
            version.UploadTimestamp,
            version.FileInfo,
            version.Encryption?.Mode,
            visible.Retention ? version.Retention : null,
            visible.LegalHold ? version.LegalHold : null,
            withheld.Count == 0 ? null : withheld);
    }

    /// <summary>What a version is, in the words the tools use: an upload, a hide marker, or a large file not yet finished.</summary>
    public static string ActionName(FileAction action) => action switch
    {
        FileAction.Upload => "upload",
        FileAction.Hide => "hide",
        FileAction.Start => "unfinished",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
