using Cairn.Core.Errors;
using Cairn.Core.Limits;

namespace Cairn.Core.Tests.Limits;

public class AuthorizeThrottleTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void AfterTheAllowedFailures_WaitsDoubleEachTime_UpToTheBound()
    {
        var time = new ManualTime();
        var throttle = new AuthorizeThrottle(new RateLimitOptions { AuthorizeFailuresBeforeDelay = 2, MaxAuthorizeDelaySeconds = 5 }, time);
        throttle.RecordFailure("10.0.0.1");
        throttle.Check("10.0.0.1");
        throttle.RecordFailure("10.0.0.1");
        Assert.Equal(1, Assert.Throws<CairnException>(() => throttle.Check("10.0.0.1")).RetryAfterSeconds);
        throttle.Check("10.0.0.2");
        time.Now += TimeSpan.FromSeconds(1);
        throttle.Check("10.0.0.1");
        throttle.RecordFailure("10.0.0.1");
        var refused = Assert.Throws<CairnException>(() => throttle.Check("10.0.0.1"));
        Assert.Equal((CairnError.RateLimited, 2), (refused.Error, refused.RetryAfterSeconds));
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure("10.0.0.1");
        }
        Assert.Equal(5, Assert.Throws<CairnException>(() => throttle.Check("10.0.0.1")).RetryAfterSeconds);
        throttle.RecordSuccess("10.0.0.1");
        throttle.Check("10.0.0.1");
    }
}
