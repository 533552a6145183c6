using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Core.Operations;
using Cairn.Mcp.Discovery;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Mcp.Tools;

/// <summary>
/// The whole API by intent: find an operation in a person's words, read how to call it, run it. The operations and
/// their words come from the protocol that serves them (<see cref="IApiOperations"/>); nothing is described twice.
/// </summary>
[McpServerToolType]
public sealed class OperationTools(McpCaller caller, IApiOperations operations, OperationSearch search, McpOptions options)
{
    /// <summary>Arguments filled from the caller when left out, so an agent need not know its account id.</summary>
    private const string AccountId = "accountId";

    [McpServerTool(Name = "search_operations", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Find the API operation for what you want to do, in plain words (e.g. 'upload a backup file', 'make a read-only key for the images folder', 'delete files older than 30 days'). Answers the best matches your token may run, each with a one-line summary; then use describe_operation and call_operation.")]
    public CallToolResult SearchOperations(
        [Description("What you want to do, in plain words.")] string intent,
        [Description("How many matches, 1-20; default 5.")] int limit = 5)
    {
        var found = search.Search(intent, caller.Principal, Math.Clamp(limit, 1, 20));
        return ToolResults.Ok(new
        {
            operations = found.Select(f => new
            {
                name = f.Operation.Name,
                summary = f.Operation.Summary,
                destructive = f.Operation.Destructive ? true : (bool?)null,
                multiStep = OperationFlows.For(f.Operation.Name).Count > 0 ? true : (bool?)null,
            }),
            next = found.Count == 0
                ? "Nothing your token may run matches; try other words, or the token lacks the capability."
                : "describe_operation {name} shows the arguments and any steps; call_operation {operation, arguments} runs it.",
        }, options);
    }

    [McpServerTool(Name = "describe_operation", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("How to run one API operation: what it does, its arguments as JSON Schema, the capabilities it needs, whether it needs confirm, and the steps when it takes more than one call (upload URL then upload; start a large file, upload parts, finish).")]
    public CallToolResult DescribeOperation(
        [Description("The operation's name, from search_operations, e.g. 'b2_list_file_names'.")] string name)
    {
        var operation = Find(name);
        var runsHere = operation.Transport == ApiTransport.Call;
        var inputSchema = operation.InputSchema();
        if (runsHere && inputSchema["properties"] is JsonObject properties && properties.Remove(AccountId) && inputSchema["required"] is JsonArray required)
        {
            inputSchema["required"] = new JsonArray([.. required.Where(r => r?.GetValue<string>() != AccountId).Select(r => r?.DeepClone())]);
        }
        return ToolResults.Ok(new
        {
            name = operation.Name,
            summary = operation.Summary,
            description = operation.Description,
            runWith = runsHere
                ? "call_operation {operation: '" + operation.Name + "', arguments: {...}}" + (operation.Destructive ? ", confirm: true once the user agreed" : "")
                : "HTTP: bytes travel to or from a pre-authorized address; see steps",
            inputSchema = runsHere ? inputSchema : null,
            headers = operation.Headers.Count == 0 ? null : operation.Headers.Select(h => new { h.Name, h.Required, h.Description }),
            needsAnyOf = operation.Grants,
            alsoNeeds = operation.AlsoRequires.Count == 0 ? null : operation.AlsoRequires,
            youMayRunIt = operation.IsOpenTo(caller.Principal),
            destructive = operation.Destructive,
            steps = OperationFlows.For(operation.Name) is { Count: > 0 } steps ? steps : null,
            example = operation.Example,
        }, options);
    }

    [McpServerTool(Name = "call_operation", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Run any API operation by name with JSON arguments (see describe_operation), limited to what your token may do. accountId is filled in for you. Listing sizes are capped; page on with the operation's next* values. Operations that delete, hide or expose data need confirm: true, sent only after the user agreed. Bytes never pass through here: uploads and downloads go to the pre-authorized URLs the operations answer.")]
    [DecidesDestructivePerCall]
    public async Task<CallToolResult> CallOperation(
        [Description("The operation's name, e.g. 'b2_list_file_names'.")] string operation,
        [Description("The operation's arguments as a JSON object, e.g. {\"bucketId\": \"…\", \"prefix\": \"logs/\"}.")] JsonElement? arguments = null,
        [Description("true only after the user confirmed a destructive operation; without it nothing changes.")] bool confirm = false,
        CancellationToken cancellationToken = default)
    {
        var described = Find(operation);
        if (described.Transport != ApiTransport.Call)
        {
            throw Fail.BadRequest($"{described.Name} moves bytes over HTTP and does not run here. {string.Join(" ", OperationFlows.For(described.Name))}");
        }
        if (described.Destructive && !options.AllowDestructive)
        {
            throw Fail.Unauthorized($"{described.Name} changes or removes data, and this server does not let agents run such operations");
        }
        var input = arguments is { ValueKind: JsonValueKind.Object } given ? JsonNode.Parse(given.GetRawText())!.AsObject()
            : arguments is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? []
            : throw Fail.Invalid("arguments", "must be a JSON object");
        if (described.Destructive && !confirm)
        {
            return ToolResults.NeedsConfirmation($"{described.Name} — {described.Summary} — with {input.ToJsonString()}.");
        }
        var principal = caller.Principal;
        if (described.Parameters.Any(p => p.Name == AccountId) && !input.ContainsKey(AccountId))
        {
            input[AccountId] = principal.AccountId;
        }
        // One page at most as long as any tool's listing: the agent pages on with the operation's own next* values.
        foreach (var count in described.Parameters.Where(p => p.Name.StartsWith("max", StringComparison.Ordinal) && p.Name.EndsWith("Count", StringComparison.Ordinal)))
        {
            var asked = input[count.Name] is JsonValue value && value.TryGetValue<long>(out var n) ? n : long.MaxValue;
            input[count.Name] = Math.Clamp(asked, 1L, options.MaxListCount);
        }
        var result = await operations.RunAsync(principal, described.Name, input, cancellationToken);
        if (result is JsonObject answer && answer.ContainsKey("applicationKey") && !options.RevealSecrets)
        {
            answer["applicationKey"] = "(withheld: secrets never enter the conversation; the operator can allow it with Cairn:Mcp:RevealSecrets)";
        }
        return ToolResults.Ok(result ?? new JsonObject(), options);
    }

    private ApiOperation Find(string name) =>
        operations.All.FirstOrDefault(o => o.Name == name.Trim())
        ?? throw Fail.BadRequest($"no operation named '{name}'; search_operations finds one by what it does");
}
