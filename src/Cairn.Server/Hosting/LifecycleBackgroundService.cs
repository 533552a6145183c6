using Cairn.Core.Lifecycle;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>
/// Runs a lifecycle pass every <see cref="CairnServerOptions.LifecycleInterval"/>, holding the metadata store's
/// lease for one interval so that among many nodes one runs it.
/// </summary>
public sealed partial class LifecycleBackgroundService : BackgroundService
{
    private readonly LifecycleService _lifecycle;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<LifecycleBackgroundService> _logger;

    public LifecycleBackgroundService(LifecycleService lifecycle, IOptions<CairnServerOptions> options, TimeProvider time, ILogger<LifecycleBackgroundService> logger)
    {
        _lifecycle = lifecycle;
        _interval = options.Value.LifecycleInterval;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            try
            {
                await _lifecycle.RunOnceAsync(_interval, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Lifecycle pass failed; the next interval retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
