using Cairn.Core.Buckets;

namespace Cairn.Core.Files;

/// <summary>A version chosen for download, with its bucket (whose settings shape some response headers).</summary>
public sealed record Download(Bucket Bucket, FileVersion Version);
