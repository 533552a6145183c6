using System.Globalization;
using System.Security.Cryptography;

namespace Cairn.Core.Ids;

/// <summary>
/// Mints identifiers in the shapes real B2 hands out (b2-api/README.md, listing-and-versions.md):
/// clients store and echo them, and some parse a digit or two, so the shapes matter.
/// </summary>
public static class IdGenerator
{
    /// <summary>The cluster number Cairn puts where B2 puts its data-centre number.</summary>
    public const string Cluster = "000";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>12 lower-case hex characters, like <c>d2e6b27577ea</c>.</summary>
    public static string NewAccountId() => RandomHex(12);

    /// <summary>24 lower-case hex characters, like <c>8d625eb63be2775577c70e1a</c>.</summary>
    public static string NewBucketId() => RandomHex(24);

    /// <summary>A content blob's id: 32 hex characters, never derived from a user-supplied name.</summary>
    public static string NewBlobId() => RandomHex(32);

    /// <summary>25 characters: cluster, account id and a 10-hex unique part (<c>000d2e6b27577ea4f2a9b1c03e</c>).</summary>
    public static string NewApplicationKeyId(string accountId) => Cluster + accountId + RandomHex(10);

    /// <summary>31 characters: <c>K</c>, the cluster and 27 base62 characters.</summary>
    public static string NewApplicationKeySecret() => "K" + Cluster + RandomBase62(27);

    /// <summary>
    /// A version id: <c>4_z&lt;bucketId&gt;_f&lt;kind&gt;&lt;15 hex&gt;_d&lt;yyyyMMdd&gt;_m&lt;HHmmss&gt;_c000_v&lt;7 digits&gt;_t&lt;4 digits&gt;</c>.
    /// The digit after <c>_f</c> is 1 for small files and hide markers, 2 for large files.
    /// </summary>
    public static string NewFileId(string bucketId, FileIdKind kind, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var digits = RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        var t = RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"4_z{bucketId}_f{(int)kind}{RandomHex(15)}_d{utc:yyyyMMdd}_m{utc:HHmmss}_c{Cluster}_v{digits}_t{t}");
    }

    public static string RandomHex(int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public static string RandomBase62(int length) => RandomNumberGenerator.GetString(Base62, length);
}
