using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.Mcp;

/// <summary>Issue #15's five agent tasks, each end to end through the C# MCP SDK's client (<see cref="AgentTasks"/>).</summary>
public class AgentTaskTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    [Fact]
    public Task UploadA50MegabyteDump_WithSha1Verification() => RunAsync(AgentTasks.UploadDumpAsync);

    [Fact]
    public Task LargeFile_StartThreePartsFinish() => RunAsync(AgentTasks.LargeFileInThreePartsAsync);

    [Fact]
    public Task ReadOnlyKey_ForPublicAssetsImages() => RunAsync(AgentTasks.ReadOnlyKeyAsync);

    [Fact]
    public Task ListVideos_AndTheNewestOnesInfo() => RunAsync(AgentTasks.NewestVideoAsync);

    [Fact]
    public Task LifecycleRule_DeletesTmpAfterSevenDays() => RunAsync(AgentTasks.TmpLifecycleRuleAsync);

    private async Task RunAsync(Func<McpAgent, B2Session, Task> task)
    {
        var master = await fixture.SessionAsync(4);
        var (_, token) = await AgentAccess.MintAsync(master, AgentTasks.Capabilities);
        await using var agent = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, token);
        await task(agent, master);
    }
}
