using Cairn.Core.Notifications;

namespace Cairn.Server.Hosting;

/// <summary>
/// Runs event delivery passes every <see cref="NotificationOptions.PollInterval"/>, and at once when an event is
/// queued on this node. The dispatcher's lease keeps other nodes out while one delivers.
/// </summary>
public sealed partial class NotificationBackgroundService : BackgroundService
{
    private readonly NotificationDispatcher _dispatcher;
    private readonly NotificationService _notifications;
    private readonly NotificationOptions _options;
    private readonly ILogger<NotificationBackgroundService> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);

    public NotificationBackgroundService(NotificationDispatcher dispatcher, NotificationService notifications, NotificationOptions options, ILogger<NotificationBackgroundService> logger)
    {
        _dispatcher = dispatcher;
        _notifications = notifications;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.PollInterval <= TimeSpan.Zero)
        {
            return;
        }
        _notifications.EventsQueued += Wake;
        _dispatcher.RuleSuspended += _notifications.Forget;
        try
        {
            // Deliver until a pass finds nothing more to do, then sleep until the interval or a queued event.
            await DrainLoop.RunAsync(_dispatcher.RunOnceAsync, token => _wake.WaitAsync(_options.PollInterval, token), e => LogPassFailed(_logger, e), stoppingToken);
        }
        finally
        {
            _notifications.EventsQueued -= Wake;
            _dispatcher.RuleSuspended -= _notifications.Forget;
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Event delivery pass failed; the next poll retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
