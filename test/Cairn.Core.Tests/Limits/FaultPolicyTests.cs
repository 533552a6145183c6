using Cairn.Core.Errors;
using Cairn.Core.Limits;

namespace Cairn.Core.Tests.Limits;

public class FaultPolicyTests
{
    [Fact]
    public void EveryNth_FailsExactlyEveryNthUpload()
    {
        var policy = new FaultPolicy(new FaultOptions { FailSomeUploads = new FaultTrigger { EveryNth = 3 } }, () => 1.0);
        var failed = Enumerable.Range(1, 9).Select(_ => policy.Decide(RequestKind.Upload, null)?.Error).ToList();
        Assert.Equal([null, null, CairnError.ServiceUnavailable, null, null, CairnError.ServiceUnavailable, null, null, CairnError.ServiceUnavailable], failed);
        Assert.Null(policy.Decide(RequestKind.Other, null));
        Assert.Null(policy.Decide(RequestKind.Download, null));
    }

    [Fact]
    public void Probability_FailsWhenTheDrawIsBelowIt()
    {
        var draws = new Queue<double>([0.1, 0.9, 0.29, 0.31]);
        var policy = new FaultPolicy(new FaultOptions { ExpireSomeAccountAuthorizationTokens = new FaultTrigger { Probability = 0.3 } }, draws.Dequeue);
        var results = Enumerable.Range(0, 4).Select(_ => policy.Decide(RequestKind.Other, null)?.Error).ToList();
        Assert.Equal([CairnError.ExpiredAuthToken, null, CairnError.ExpiredAuthToken, null], results);
        Assert.Null(policy.Decide(RequestKind.Authorize, null));
    }

    [Theory]
    [InlineData(RequestKind.Upload, CairnError.StorageCapExceeded)]
    [InlineData(RequestKind.Download, CairnError.DownloadCapExceeded)]
    [InlineData(RequestKind.Other, CairnError.TransactionCapExceeded)]
    public void ForceCapExceeded_Header_AlwaysFailsWithTheKindsCap(RequestKind kind, CairnError expected)
    {
        var policy = new FaultPolicy(new FaultOptions(), () => 1.0);
        Assert.Equal(expected, policy.Decide(kind, TestModes.ForceCapExceeded)?.Error);
        Assert.Null(policy.Decide(kind, null));
    }

    [Fact]
    public void ForceCapExceeded_Header_NeverRefusesAuthorizeAccount()
    {
        var policy = new FaultPolicy(new FaultOptions(), () => 0.0);
        Assert.Null(policy.Decide(RequestKind.Authorize, TestModes.ForceCapExceeded));
    }

    [Fact]
    public void ExpireSomeTokens_Header_SparesEachTokensFirstUse_AndAnExpiredTokenStaysExpired()
    {
        var draws = new Queue<double>([0.9, 0.1]);
        var policy = new FaultPolicy(new FaultOptions { TestModeProbability = 0.5 }, () => draws.Count > 0 ? draws.Dequeue() : 0.0);
        const string Mode = TestModes.ExpireSomeAccountAuthorizationTokens;

        Assert.Null(policy.Decide(RequestKind.Other, Mode, "first"));   // first use: never
        Assert.Null(policy.Decide(RequestKind.Other, Mode, "first"));   // draw 0.9: spared
        Assert.Equal(CairnError.ExpiredAuthToken, policy.Decide(RequestKind.Other, Mode, "first")?.Error); // draw 0.1: expired
        Assert.Equal(CairnError.ExpiredAuthToken, policy.Decide(RequestKind.Download, Mode, "first")?.Error); // and stays so
        Assert.Null(policy.Decide(RequestKind.Other, Mode, "second"));  // a new token's first use after re-authorizing
        Assert.Null(policy.Decide(RequestKind.Upload, Mode, "upload-token"));
        Assert.Null(policy.Decide(RequestKind.Upload, Mode, "upload-token")); // upload tokens are not account tokens
        Assert.Null(policy.Decide(RequestKind.Other, Mode, null));
    }

    [Fact]
    public void TestModeHeaders_FailTheirFractionOfEligibleRequests()
    {
        var policy = new FaultPolicy(new FaultOptions { TestModeProbability = 0.5 }, () => 0.4);
        Assert.Equal(CairnError.ServiceUnavailable, policy.Decide(RequestKind.Upload, TestModes.FailSomeUploads)?.Error);
        Assert.Null(policy.Decide(RequestKind.Other, TestModes.FailSomeUploads));
        Assert.Null(policy.Decide(RequestKind.Other, TestModes.ExpireSomeAccountAuthorizationTokens, "token"));
        Assert.Equal(CairnError.ExpiredAuthToken, policy.Decide(RequestKind.Other, TestModes.ExpireSomeAccountAuthorizationTokens, "token")?.Error);
        Assert.Null(policy.Decide(RequestKind.Authorize, TestModes.ExpireSomeAccountAuthorizationTokens, "token"));
        var never = new FaultPolicy(new FaultOptions { TestModeProbability = 0.5 }, () => 0.6);
        Assert.Null(never.Decide(RequestKind.Upload, TestModes.FailSomeUploads));
    }
}
