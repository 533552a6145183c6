using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.Operations;
using Cairn.Mcp.Discovery;
using Cairn.Mcp.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cairn.Mcp;

/// <summary>
/// The MCP endpoint at <c>/mcp</c> (Streamable HTTP, stateless): agent-token authentication, a tool list cut to what
/// the agent's key may do, and tool failures reported as B2 reports them.
/// </summary>
public static class McpEndpoints
{
    public const string Path = "/mcp";

    private const string Instructions = """
        Cairn is an object store (Backblaze B2 compatible). Files live in buckets; a file name may contain '/' to form
        folders. Start with list_buckets, then list_files with a prefix and delimiter '/'. Small content moves inline;
        for large content the tools hand back a URL. Tools that destroy or hide data need confirm: true, which you must
        only send after the user agreed. Every call is limited to what the application key behind your token allows.
        """;

    public static IServiceCollection AddCairnMcp(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new McpOptions();
        configuration.GetSection(McpOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddScoped<McpCaller>();
        services.AddSingleton(provider => new OperationSearch(provider.GetRequiredService<IApiOperations>().All));
        services.AddHttpContextAccessor();
        services.AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = "cairn", Version = typeof(McpEndpoints).Assembly.GetName().Version?.ToString() ?? "1.0" };
                server.ServerInstructions = Instructions;
            })
            .WithHttpTransport(http =>
            {
                // Every request carries its own token, so every request is authorized afresh and no session state is
                // needed (any node of a cluster can answer).
                http.Stateless = true;
                http.ConfigureSessionOptions = (context, server, _) =>
                {
                    var caller = context.RequestServices.GetRequiredService<McpCaller>();
                    if (server.ToolCollection is { } tools)
                    {
                        foreach (var tool in tools.ToArray().Where(t => !IsOffered(t, caller.Principal, options)))
                        {
                            tools.Remove(tool);
                        }
                    }
                    return Task.CompletedTask;
                };
            })
            .WithTools<BucketTools>()
            .WithTools<FileListingTools>()
            .WithTools<FileTools>()
            .WithTools<TransferTools>()
            .WithTools<LifecycleTools>()
            .WithTools<KeyTools>()
            .WithTools<LargeFileTools>()
            .WithTools<OperationTools>()
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (request, cancellationToken) =>
            {
                if (request.MatchedPrimitive is null)
                {
                    // The SDK would throw and log an unknown name at Error; it is the agent's mistake, answered as one.
                    return ToolResults.UnknownTool(request.Params?.Name);
                }
                try
                {
                    return await next(request, cancellationToken);
                }
                catch (CairnException e)
                {
                    return ToolResults.Error(e);
                }
            }));
        return services;
    }

    public static IEndpointRouteBuilder MapCairnMcp(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<McpOptions>().Enabled)
        {
            return app;
        }
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path, StringComparison.Ordinal),
            branch => branch.UseMiddleware<AgentAuthentication>());
        app.MapMcp(Path);
        return app;
    }

    /// <summary>
    /// A tool is offered when the agent's key has every capability its Core call needs, and — for destructive tools —
    /// when the server's policy allows them at all.
    /// </summary>
    public static bool IsOffered(McpServerTool tool, Principal principal, McpOptions options)
    {
        if (tool.ProtocolTool.Annotations?.DestructiveHint == true && !options.AllowDestructive
            && !tool.Metadata.OfType<DecidesDestructivePerCallAttribute>().Any())
        {
            return false;
        }
        var needs = tool.Metadata.OfType<NeedsCapabilityAttribute>().SelectMany(a => a.Capabilities);
        return needs.All(principal.Has);
    }
}
