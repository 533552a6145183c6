using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.Mcp;

/// <summary>search_operations, describe_operation and call_operation through the C# SDK's client.</summary>
public class OperationToolsTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task Search_IsFilteredToWhatTheTokenMayDo()
    {
        var master = await fixture.SessionAsync(4);
        var (_, readToken) = await AgentAccess.MintAsync(master, ReadOnly);
        var (_, fullToken) = await AgentAccess.MintAsync(master, AgentTasks.Capabilities);
        await using var reader = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, readToken);
        await using var writer = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, fullToken);

        var forReader = await reader.SearchAsync("upload a backup file", 10);
        var forWriter = await writer.SearchAsync("upload a backup file", 3);

        Assert.DoesNotContain("b2_upload_file", forReader);
        Assert.DoesNotContain("b2_get_upload_url", forReader);
        Assert.Contains("b2_upload_file", forWriter);
        Assert.Contains("search_operations", (await reader.Client.ListToolsAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task Describe_GivesTheSchemaWithoutAccountId_AndTheStepsOfALargeFile()
    {
        var master = await fixture.SessionAsync(4);
        var (_, token) = await AgentAccess.MintAsync(master, AgentTasks.Capabilities);
        await using var agent = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, token);

        var listing = await agent.CallAsync("describe_operation", new() { ["name"] = "b2_list_buckets" });
        var large = await agent.CallAsync("describe_operation", new() { ["name"] = "b2_start_large_file" });
        var part = await agent.CallAsync("describe_operation", new() { ["name"] = "b2_upload_part" });

        Assert.False(listing.GetProperty("inputSchema").GetProperty("properties").TryGetProperty("accountId", out _));
        Assert.True(listing.GetProperty("inputSchema").GetProperty("properties").TryGetProperty("bucketName", out _));
        var steps = large.GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Contains(steps, s => s.Contains("get_upload_part_url", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("finish_large_file", StringComparison.Ordinal));
        Assert.Contains(part.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "X-Bz-Part-Number");
    }

    [Fact]
    public async Task Call_RunsAnOperation_CapsListings_AndRefusesBytesAndUnknownNames()
    {
        var master = await fixture.SessionAsync(4);
        var bucketId = await master.NewBucketAsync();
        for (var i = 0; i < 3; i++)
        {
            await master.UploadAsync(bucketId, $"f{i}", TestWire.Bytes("x"));
        }
        var (_, token) = await AgentAccess.MintAsync(master, ReadOnly);
        await using var agent = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, token);

        var page = await agent.OperationAsync("b2_list_file_names", new { bucketId, maxFileCount = 2 });
        var huge = await agent.OperationAsync("b2_list_file_names", new { bucketId, maxFileCount = 100000 });
        var bytes = await agent.TryAsync("call_operation", new() { ["operation"] = "b2_upload_file", ["arguments"] = JsonSerializer.SerializeToElement(new { bucketId }) });
        var unknown = await agent.TryAsync("call_operation", new() { ["operation"] = "b2_make_coffee" });
        var notAllowed = await agent.TryAsync("call_operation", new() { ["operation"] = "b2_get_upload_url", ["arguments"] = JsonSerializer.SerializeToElement(new { bucketId }) });

        Assert.Equal(["f0", "f1"], page.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal("f2", page.GetProperty("nextFileName").GetString());
        Assert.Equal(3, huge.GetProperty("files").GetArrayLength());
        Assert.True(bytes.IsError);
        Assert.Contains("b2_get_upload_url", McpAgent.Text(bytes), StringComparison.Ordinal);
        Assert.True(unknown.IsError);
        Assert.Contains("search_operations", McpAgent.Text(unknown), StringComparison.Ordinal);
        Assert.True(notAllowed.IsError);
        Assert.StartsWith("unauthorized:", McpAgent.Text(notAllowed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_DestructiveOperation_NeedsConfirm()
    {
        var master = await fixture.SessionAsync(4);
        var bucketId = await master.NewBucketAsync();
        var file = await master.UploadAsync(bucketId, "keep.txt", TestWire.Bytes("precious"));
        var (_, token) = await AgentAccess.MintAsync(master, AgentTasks.Capabilities);
        await using var agent = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, token);
        var arguments = new { fileId = file.GetProperty("fileId").GetString(), fileName = "keep.txt" };

        var gated = await agent.TryAsync("call_operation", new() { ["operation"] = "b2_delete_file_version", ["arguments"] = JsonSerializer.SerializeToElement(arguments) });
        Assert.True(gated.IsError);
        Assert.StartsWith("confirmation_required:", McpAgent.Text(gated), StringComparison.Ordinal);
        Assert.Single((await master.CallAsync("b2_list_file_names", new { bucketId })).GetProperty("files").EnumerateArray());

        await agent.OperationAsync("b2_delete_file_version", arguments, confirm: true);
        Assert.Empty((await master.CallAsync("b2_list_file_names", new { bucketId })).GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task UnknownTool_IsAToolErrorNotAServerError()
    {
        var master = await fixture.SessionAsync(4);
        var (_, token) = await AgentAccess.MintAsync(master, ReadOnly);
        await using var agent = await McpAgent.ConnectAsync(fixture.Server.BaseUrl, token);

        var unknown = await agent.TryAsync("no_such_tool", []);
        var notOffered = await agent.TryAsync("delete_bucket", new() { ["bucketId"] = "x", ["confirm"] = true });

        Assert.True(unknown.IsError);
        Assert.StartsWith("unknown_tool:", McpAgent.Text(unknown), StringComparison.Ordinal);
        Assert.True(notOffered.IsError);
        Assert.StartsWith("unknown_tool:", McpAgent.Text(notOffered), StringComparison.Ordinal);
        // The fixture fails the class when the server logged at Error.
        Assert.DoesNotContain(fixture.Server.Logs, line => line.StartsWith("Error ", StringComparison.Ordinal));
    }
}
