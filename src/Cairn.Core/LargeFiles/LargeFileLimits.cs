namespace Cairn.Core.LargeFiles;

/// <summary>B2's fixed large-file limits (b2-api/large-files.md). The part sizes are configurable, in <see cref="ObjectServiceOptions"/>.</summary>
public static class LargeFileLimits
{
    public const int MinPartNumber = 1;

    /// <summary>B2 refuses to finish a large file of fewer parts ("large files must have at least 2 parts").</summary>
    public const int MinPartCount = 2;

    /// <summary>b2sdk's simulator: <c>MAX_PART_ID = 10000</c>.</summary>
    public const int MaxPartNumber = 10_000;

    /// <summary>10 TB.</summary>
    public const long MaxFileSize = 10_000_000_000_000;

    public const int DefaultMaxPartCount = 100;

    public const int MaxPartCountLimit = 1000;

    public const int DefaultMaxFileCount = 100;

    /// <summary>b2_list_unfinished_large_files returns at most 100 files per call.</summary>
    public const int MaxFileCountLimit = 100;
}
