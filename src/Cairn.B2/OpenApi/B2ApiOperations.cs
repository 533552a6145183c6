using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Operations;

namespace Cairn.B2.OpenApi;

/// <summary>
/// The B2 Native API as <see cref="IApiOperations"/>: each descriptor in <see cref="B2Operations.All"/> as an operation
/// an agent can find and run. A run is the operation's own handler called in process — the same translation to Core a
/// client's request gets, without a trip through the network — with the caller already verified by whoever asks.
/// </summary>
public sealed class B2ApiOperations(IHttpContextAccessor accessor, IServiceProvider services) : IApiOperations
{
    private const int NewestApiVersion = 4;

    /// <summary>Sign-in needs a key's secret and mints account tokens; an agent's token is its sign-in.</summary>
    private static readonly HashSet<string> NotForAgents = ["b2_authorize_account", "b2_create_agent_token"];

    private static readonly IReadOnlyList<ApiOperation> Operations = Describe();

    private static readonly Dictionary<string, B2Operation> Runnable = B2Operations.All
        .Where(o => o.Kind == OperationKind.Json && !NotForAgents.Contains(o.Name))
        .ToDictionary(o => o.Name, StringComparer.Ordinal);

    public IReadOnlyList<ApiOperation> All => Operations;

    public async Task<JsonNode?> RunAsync(Principal principal, string name, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (!Runnable.TryGetValue(name, out var operation))
        {
            throw Fail.BadRequest($"{name} is not an operation that runs with arguments alone");
        }
        var outer = accessor.HttpContext;
        var http = new DefaultHttpContext { RequestServices = outer?.RequestServices ?? services, RequestAborted = cancellationToken };
        var body = JsonSerializer.SerializeToUtf8Bytes(arguments);
        var request = http.Request;
        request.Method = HttpMethods.Post;
        // Addresses the operation hands out (upload URLs) are the ones the asking client reached this server at.
        request.Scheme = outer?.Request.Scheme ?? "http";
        request.Host = outer?.Request.Host ?? new HostString("localhost");
        request.Path = $"/b2api/v{NewestApiVersion}/{name}";
        request.RouteValues["version"] = $"v{NewestApiVersion}";
        request.ContentType = "application/json";
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body, writable: false);
        using var response = new MemoryStream();
        http.Response.Body = response;
        http.Features.Set(new InProcessCaller(principal));
        await ((Func<HttpContext, Task>)operation.Handler)(http);
        return response.Length == 0 ? null : JsonNode.Parse(response.ToArray());
    }

    private static List<ApiOperation> Describe() =>
        B2Operations.All
            .Where(o => o.Kind is OperationKind.Json or OperationKind.Upload or OperationKind.Download && !NotForAgents.Contains(o.Name))
            .GroupBy(o => o.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(o => new ApiOperation(o.Name, o.Tag, o.Summary, o.Description.ReplaceLineEndings(" ").Trim())
            {
                Transport = o.Kind switch
                {
                    OperationKind.Upload => ApiTransport.Upload,
                    OperationKind.Download => ApiTransport.Download,
                    _ => ApiTransport.Call,
                },
                Parameters = [.. o.Parameters.Select(p => new ApiParameter(p.Name, p.Schema.DeepClone(), p.Required, p.Description))],
                Headers = [.. o.Headers.Select(h => new ApiParameter(h.Name, new JsonObject { ["type"] = "string" }, h.Required, h.Description))],
                Grants = o.Grants,
                AlsoRequires = o.AlsoRequires,
                Destructive = o.Destructive,
                Example = o.Example?.DeepClone().AsObject(),
            })
            .ToList();
}
