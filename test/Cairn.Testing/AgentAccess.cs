using System.Text.Json;

namespace Cairn.Testing;

/// <summary>How a person gives an agent access: a scoped application key, signed in, traded for an agent token.</summary>
public static class AgentAccess
{
    /// <summary>The new key's id, and an agent token minted from it (b2_create_agent_token).</summary>
    public static async Task<(string KeyId, string AgentToken)> MintAsync(B2Session master, IReadOnlyList<string> capabilities,
        IReadOnlyList<string>? bucketIds = null, string? namePrefix = null)
    {
        var key = await master.CallAsync("b2_create_key", new
        {
            accountId = master.AccountId,
            keyName = "agent-" + Guid.NewGuid().ToString("N")[..8],
            capabilities,
            bucketIds,
            namePrefix,
        }, version: 4);
        var keyId = key.GetProperty("applicationKeyId").GetString()!;
        using var http = new HttpClient { BaseAddress = master.Http.BaseAddress };
        using var session = await B2Session.AuthorizeAsync(http, 4, keyId, key.GetProperty("applicationKey").GetString());
        var minted = await session.CallAsync("b2_create_agent_token", new { validDurationInSeconds = 600 });
        return (keyId, minted.GetProperty("agentToken").GetString()!);
    }

    /// <summary>The text of a tool result's first content block, parsed as JSON.</summary>
    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
