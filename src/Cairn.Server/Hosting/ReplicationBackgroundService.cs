using Cairn.Core.Replication;

namespace Cairn.Server.Hosting;

/// <summary>
/// Runs replication passes every <see cref="ReplicationOptions.PollInterval"/>. The dispatcher's lease keeps other nodes
/// out while one replicates.
/// </summary>
public sealed partial class ReplicationBackgroundService : BackgroundService
{
    private readonly ReplicationDispatcher _dispatcher;
    private readonly ReplicationOptions _options;
    private readonly ILogger<ReplicationBackgroundService> _logger;

    public ReplicationBackgroundService(ReplicationDispatcher dispatcher, ReplicationOptions options, ILogger<ReplicationBackgroundService> logger)
    {
        _dispatcher = dispatcher;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.PollInterval <= TimeSpan.Zero)
        {
            return;
        }
        // Replicate until a pass finishes nothing more, then sleep.
        await DrainLoop.RunAsync(_dispatcher.RunOnceAsync, token => Task.Delay(_options.PollInterval, token), e => LogPassFailed(_logger, e), stoppingToken);
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Error, Message = "Replication pass failed; the next poll retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
