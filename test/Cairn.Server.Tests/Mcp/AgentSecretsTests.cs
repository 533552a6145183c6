using System.Text.RegularExpressions;
using Cairn.Server.Tests.OAuth;
using Cairn.Testing;

namespace Cairn.Server.Tests.Mcp;

/// <summary>
/// An agent signed in through OAuth does all five tasks of issue #15; no key secret and no token that grants access to
/// the account (the master key, the consenting key's secret, account, access and refresh tokens) appears in any tool
/// result or any log line, and no log line carries even the narrow upload tokens the tools hand out.
/// </summary>
public sealed partial class AgentSecretsTests
{
    [Fact]
    public async Task FiveTasksThroughOAuth_NoKeySecretOrTokenInToolResultsOrLogs()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var key = await master.CallAsync("b2_create_key", new { accountId = master.AccountId, keyName = "person", capabilities = AgentTasks.Capabilities });
        var (keyId, secret) = (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
        using var oauth = new OAuthAgent(server);
        var (access, refresh) = await oauth.SignInAsync(keyId, secret, AgentTasks.Capabilities);
        await using var agent = await McpAgent.ConnectAsync(server.BaseUrl, access);

        await AgentTasks.UploadDumpAsync(agent, master);
        await AgentTasks.LargeFileInThreePartsAsync(agent, master);
        await AgentTasks.ReadOnlyKeyAsync(agent, master);
        await AgentTasks.NewestVideoAsync(agent, master);
        await AgentTasks.TmpLifecycleRuleAsync(agent, master);
        await agent.CallAsync("create_key", new() { ["keyName"] = "sub-agent", ["capabilities"] = new[] { "listBuckets" } });

        string[] secrets = [CairnServer.MasterKey, secret, master.Token, access, refresh];
        var transcript = string.Join('\n', agent.Transcript);
        var logs = string.Join('\n', server.Logs);
        Assert.All(secrets, s => Assert.DoesNotContain(s, transcript, StringComparison.Ordinal));
        Assert.DoesNotMatch(KeySecret(), transcript);
        Assert.Contains("withheld", transcript, StringComparison.Ordinal);
        var handedOut = HandedOutToken().Matches(transcript).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(handedOut);
        Assert.All(secrets.Concat(handedOut), s => Assert.DoesNotContain(s, logs, StringComparison.Ordinal));
        Assert.DoesNotMatch(KeySecret(), logs);
        Assert.DoesNotContain(server.Logs, line => line.StartsWith("Error ", StringComparison.Ordinal));
    }

    /// <summary>An application key's secret as Cairn writes it, as a JSON string value.</summary>
    [GeneratedRegex("\"K[0-9]{3}[A-Za-z0-9]{20,}\"")]
    private static partial Regex KeySecret();

    [GeneratedRegex("\"(?:authorizationToken|agentToken)\":\"([^\"]+)\"")]
    private static partial Regex HandedOutToken();
}
