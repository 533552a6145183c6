using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>
/// Custom file info (<c>X-Bz-Info-*</c>, <c>fileInfo</c>): names are lower-cased, up to 50 bytes of letters, digits and
/// <c>-_.`~!#$%^&amp;*'|+</c>; names starting <c>b2-</c> are reserved except the five content headers; the name of
/// the file plus every info name and value fit in 7,000 bytes. The values of the <c>b2-*</c> names must be valid for the
/// header they become (<see cref="ContentHeaderRules"/>).
/// </summary>
public static class FileInfoRules
{
    public const int MaxNameBytes = 50;
    public const int MaxTotalBytes = 7000;

    /// <summary>The budget for files that use encryption or live in a lock-enabled bucket.</summary>
    public const int MaxTotalBytesLocked = 2048;
    private const string NameSymbols = "-_.`~!#$%^&*'|+";

    /// <summary>Validates names and sizes; returns the map with lower-cased names.</summary>
    public static IReadOnlyDictionary<string, string> Normalize(string fileName, IEnumerable<KeyValuePair<string, string>> info, int maxTotalBytes = MaxTotalBytes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = Encoding.UTF8.GetByteCount(fileName);
        foreach (var (rawName, value) in info)
        {
            var name = rawName.ToLowerInvariant();
            if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                throw Fail.BadRequest($"Invalid file info name '{rawName}': names are 1 to {MaxNameBytes} bytes");
            }
            foreach (var c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && !NameSymbols.Contains(c, StringComparison.Ordinal))
                {
                    throw Fail.BadRequest($"Invalid file info name '{rawName}': character '{c}' is not allowed");
                }
            }
            if (name.StartsWith("b2-", StringComparison.Ordinal))
            {
                var header = ContentHeaderRules.HeaderFor(name) ?? throw Fail.BadRequest($"Invalid file info name '{rawName}': names starting with b2- are reserved");
                ContentHeaderRules.Require(header, value, name);
            }
            if (!result.TryAdd(name, value))
            {
                throw Fail.BadRequest($"Duplicate file info name '{rawName}'");
            }
            total += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
        }
        RequireWithin(total, maxTotalBytes);
        return result;
    }

    /// <summary>
    /// Checks already-normalized info against the smaller budget of files that use encryption or live in a
    /// lock-enabled bucket, which is only known once the bucket has been read.
    /// </summary>
    public static void RequireWithinLockedBudget(string fileName, IReadOnlyDictionary<string, string> normalized) =>
        RequireWithin(Encoding.UTF8.GetByteCount(fileName) + normalized.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(p.Value)),
            MaxTotalBytesLocked);

    /// <summary>
    /// The upload timestamp of a new version: now, or the client's custom timestamp (b2sdk's
    /// X-Bz-Custom-Upload-Timestamp / customUploadTimestamp), which must not be in the future.
    /// </summary>
    public static long UploadTimestamp(long? custom, long now, string what) =>
        custom is not { } value ? now
        : value < 0 || value > now ? throw Fail.BadRequest($"{what} must not be in the future")
        : value;

    private static void RequireWithin(int total, int maxTotalBytes)
    {
        if (total > maxTotalBytes)
        {
            throw Fail.BadRequest($"The file name and file info must fit in {maxTotalBytes} bytes; they take {total}");
        }
    }
}
