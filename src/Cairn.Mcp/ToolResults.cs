using System.Text.Json;
using Cairn.Core.Errors;
using ModelContextProtocol.Protocol;

namespace Cairn.Mcp;

/// <summary>How tools answer: JSON text, capped in size; refusals and service errors as tool errors the model can read.</summary>
public static class ToolResults
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static CallToolResult Ok(object value, McpOptions options) => Text(JsonSerializer.Serialize(value, Json), options, isError: false);

    /// <summary>
    /// The gate in front of every destructive tool: without <c>confirm: true</c> nothing happens, and the model is told
    /// what would happen so it can ask the person first.
    /// </summary>
    public static CallToolResult NeedsConfirmation(string whatWouldHappen) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"confirmation_required: {whatWouldHappen} Nothing was changed. Ask the user to confirm, then call again with confirm: true." }],
    };

    /// <summary>A call of a tool this agent is not offered (or that does not exist).</summary>
    public static CallToolResult UnknownTool(string? name) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"unknown_tool: there is no tool '{name}' for this token. tools/list shows the tools it may use; search_operations finds any API operation." }],
    };

    /// <summary>A failure from the object service: MCP's code for it, the reason, and what the agent can do next.</summary>
    public static CallToolResult Error(CairnException e)
    {
        var (code, nextStep) = McpErrorMap.Map(e.Error);
        return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"{code}: {e.Message} {nextStep}" }] };
    }

    private static CallToolResult Text(string text, McpOptions options, bool isError)
    {
        if (text.Length > options.MaxResultChars)
        {
            text = text[..options.MaxResultChars] + $"\n[cut: the result was {text.Length} characters; the limit is {options.MaxResultChars}. Ask for less, e.g. a smaller limit.]";
        }
        return new CallToolResult { IsError = isError, Content = [new TextContentBlock { Text = text }] };
    }
}
