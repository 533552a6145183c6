using Cairn.Core.Storage;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>
/// Sweeps blobs a crash left behind (written but never committed to metadata) once, right after start, in the
/// background so the first request does not wait for a listing of every blob. Only blobs last written before this
/// process started are candidates: anything newer may belong to an upload in flight. On a data directory other nodes
/// share (<see cref="SharedDataDirectory"/>), only blobs last written <see cref="SharedDataDirectory.Grace"/> before
/// that (another node may have written one a moment ago and not yet committed its metadata), and only by the node
/// that takes the sweep's lease (DESIGN.md: background work runs on one node at a time).
/// </summary>
public sealed partial class OrphanSweepService : BackgroundService
{
    private readonly BlobReclaimer _reclaimer;
    private readonly ILogger<OrphanSweepService> _logger;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly bool _shared;

    public OrphanSweepService(BlobReclaimer reclaimer, IOptions<CairnServerOptions> options, ILogger<OrphanSweepService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _reclaimer = reclaimer;
        _logger = logger;
        _shared = SharedDataDirectory.IsShared(options.Value);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_shared)
            {
                var node = $"{Environment.MachineName}-{Environment.ProcessId}-{_startedAt.ToUnixTimeMilliseconds()}";
                await _reclaimer.SweepOrphansUnderLeaseAsync(node, _startedAt, SharedDataDirectory.Grace, _startedAt - SharedDataDirectory.Grace, stoppingToken);
            }
            else
            {
                await _reclaimer.SweepOrphansAsync(_startedAt, stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(_logger, e);
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Error, Message = "Orphan sweep failed; it runs again at the next start")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
