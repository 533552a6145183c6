using System.Collections.Concurrent;
using Cairn.Core.Errors;

namespace Cairn.Core.Limits;

/// <summary>
/// Slows down guessing: after <see cref="RateLimitOptions.AuthorizeFailuresBeforeDelay"/> failed authorizations from an
/// address, it must wait 1, 2, 4, … seconds (at most <see cref="RateLimitOptions.MaxAuthorizeDelaySeconds"/>) after its
/// latest failure before trying again. A success clears the address's record.
/// </summary>
public sealed class AuthorizeThrottle
{
    private const int MaxTrackedAddresses = 10_000;

    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Record> _failures = new(StringComparer.Ordinal);

    public AuthorizeThrottle(RateLimitOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Throws 429 <see cref="CairnError.RateLimited"/> while the address must still wait.</summary>
    public void Check(string address)
    {
        if (_options.AuthorizeFailuresBeforeDelay <= 0 || !_failures.TryGetValue(address, out var record))
        {
            return;
        }
        var wait = Delay(record.Count) - (_time.GetUtcNow() - record.Last);
        if (wait > TimeSpan.Zero)
        {
            throw new CairnException(CairnError.RateLimited, "too many failed authorization attempts; retry later", (int)Math.Ceiling(wait.TotalSeconds));
        }
    }

    public void RecordFailure(string address)
    {
        if (_options.AuthorizeFailuresBeforeDelay <= 0)
        {
            return;
        }
        var now = _time.GetUtcNow();
        if (_failures.Count >= MaxTrackedAddresses)
        {
            var horizon = now - TimeSpan.FromSeconds(_options.MaxAuthorizeDelaySeconds * 2);
            foreach (var (stale, old) in _failures)
            {
                if (old.Last < horizon)
                {
                    _failures.TryRemove(stale, out _);
                }
            }
        }
        _failures.AddOrUpdate(address, _ => new Record(1, now), (_, old) => new Record(old.Count + 1, now));
    }

    public void RecordSuccess(string address) => _failures.TryRemove(address, out _);

    private TimeSpan Delay(int failures)
    {
        var over = failures - _options.AuthorizeFailuresBeforeDelay;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Min(Math.Pow(2, Math.Min(over, 30)), _options.MaxAuthorizeDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    private sealed record Record(int Count, DateTimeOffset Last);
}
