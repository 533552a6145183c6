namespace Cairn.Server.Hosting;

/// <summary>
/// The loop of a leased background worker (event delivery, replication): run passes until one finds nothing more to
/// do, wait, and again, until the host stops. A failed pass is reported and the next wait retries it.
/// </summary>
public static class DrainLoop
{
    /// <summary>Runs <paramref name="pass"/> (which answers how much it did) and <paramref name="wait"/> until <paramref name="stoppingToken"/> fires.</summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task<int>> pass,
        Func<CancellationToken, Task> wait,
        Action<Exception> passFailed,
        CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await pass(stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    passFailed(e);
                }
                await wait(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
