using Cairn.Core.Storage;

namespace Cairn.Server.Hosting;

/// <summary>
/// Sweeps blobs a crash left behind (written but never committed to metadata) once, right after start, in the
/// background so the first request does not wait for a listing of every blob. Only blobs last written before this
/// process started are candidates: anything newer may belong to an upload in flight.
/// </summary>
public sealed partial class OrphanSweepService : BackgroundService
{
    private readonly BlobReclaimer _reclaimer;
    private readonly ILogger<OrphanSweepService> _logger;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

    public OrphanSweepService(BlobReclaimer reclaimer, ILogger<OrphanSweepService> logger)
    {
        _reclaimer = reclaimer;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _reclaimer.SweepOrphansAsync(_startedAt, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(_logger, e);
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Error, Message = "Orphan sweep failed; it runs again at the next start")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
