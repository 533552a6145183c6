using System.Text.RegularExpressions;

namespace Cairn.Core.Ids;

/// <summary>Recognises the id shapes <see cref="IdGenerator"/> mints.</summary>
public static partial class IdFormats
{
    public static bool IsBucketId(string value) => BucketIdRegex().IsMatch(value);

    public static bool IsFileId(string value) => value.Length <= 200 && FileIdRegex().IsMatch(value);

    /// <summary>The bucket id embedded in a well-formed file id.</summary>
    public static string BucketIdOf(string fileId) => fileId.Substring(3, 24);

    /// <summary>The kind a well-formed file id records (the digit after <c>_f</c>), or null for another shape.</summary>
    public static FileIdKind? KindOf(string fileId) =>
        IsFileId(fileId) ? fileId[29] switch { '1' => FileIdKind.Small, '2' => FileIdKind.Large, _ => null } : null;

    public static bool IsBlobId(string value) => BlobIdRegex().IsMatch(value);

    [GeneratedRegex("^[0-9a-f]{24}$")]
    private static partial Regex BucketIdRegex();

    [GeneratedRegex("^4_z[0-9a-f]{24}_f[0-9a-f]{16}_d[0-9]{8}_m[0-9]{6}_c[0-9]{3}_v[0-9]{7}_t[0-9]{4}$")]
    private static partial Regex FileIdRegex();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex BlobIdRegex();
}
