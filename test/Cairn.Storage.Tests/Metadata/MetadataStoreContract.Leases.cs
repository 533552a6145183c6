namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAcquireLease_Free_Succeeds()
    {
        Assert.True(await Store.TryAcquireLeaseAsync("lifecycle", "node-a", T0, TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task TryAcquireLease_HeldByAnother_FailsUntilItExpires()
    {
        Assert.True(await Store.TryAcquireLeaseAsync("lifecycle", "node-a", T0, TimeSpan.FromMinutes(5), Ct));
        Assert.False(await Store.TryAcquireLeaseAsync("lifecycle", "node-b", T0.AddMinutes(4), TimeSpan.FromMinutes(5), Ct));
        Assert.True(await Store.TryAcquireLeaseAsync("lifecycle", "node-b", T0.AddMinutes(5), TimeSpan.FromMinutes(5), Ct));
        Assert.False(await Store.TryAcquireLeaseAsync("lifecycle", "node-a", T0.AddMinutes(6), TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task TryAcquireLease_ByItsHolder_Renews()
    {
        Assert.True(await Store.TryAcquireLeaseAsync("lifecycle", "node-a", T0, TimeSpan.FromMinutes(5), Ct));
        Assert.True(await Store.TryAcquireLeaseAsync("lifecycle", "node-a", T0.AddMinutes(4), TimeSpan.FromMinutes(5), Ct));
        Assert.False(await Store.TryAcquireLeaseAsync("lifecycle", "node-b", T0.AddMinutes(8), TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task TryAcquireLease_DifferentNames_AreIndependent()
    {
        Assert.True(await Store.TryAcquireLeaseAsync("lifecycle", "node-a", T0, TimeSpan.FromMinutes(5), Ct));
        Assert.True(await Store.TryAcquireLeaseAsync("sweep", "node-b", T0, TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task TryAcquireLease_ConcurrentContenders_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Store.TryAcquireLeaseAsync("race", $"node-{i}", T0, TimeSpan.FromMinutes(5), Ct)));
        Assert.Equal(1, results.Count(r => r));
    }
}
