using System.Diagnostics.Metrics;

namespace Cairn.Core.Observability;

/// <summary>
/// What the object service counts, on the <c>Cairn</c> meter (System.Diagnostics.Metrics, no exporter dependency):
/// the host exports it at <c>/metrics</c> beside ASP.NET Core's request metrics and the runtime's.
/// </summary>
public static class CairnMetrics
{
    public const string MeterName = "Cairn";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Versions that became readable: small uploads, finished large files and copies.</summary>
    public static Counter<long> FilesStored { get; } = Meter.CreateCounter<long>("cairn.files.stored", "{file}", "File versions stored (uploads, finished large files, copies).");

    /// <summary>Content bytes received in uploads and parts (after SHA-1 checks).</summary>
    public static Counter<long> BytesUploaded { get; } = Meter.CreateCounter<long>("cairn.upload.bytes", "By", "Content bytes received in uploads and parts.");

    /// <summary>Content bytes sent in downloads (whole files and ranges).</summary>
    public static Counter<long> BytesDownloaded { get; } = Meter.CreateCounter<long>("cairn.download.bytes", "By", "Content bytes sent in downloads.");

    /// <summary>Versions removed by b2_delete_file_version, large-file cancels and lifecycle rules.</summary>
    public static Counter<long> VersionsDeleted { get; } = Meter.CreateCounter<long>("cairn.versions.deleted", "{version}", "File versions deleted (by clients or lifecycle rules).");

    /// <summary>Blobs removed by the orphan sweep: written but never committed (a crash between the two).</summary>
    public static Counter<long> OrphansSwept { get; } = Meter.CreateCounter<long>("cairn.orphans.swept", "{blob}", "Orphaned blobs removed by the sweep.");
}
