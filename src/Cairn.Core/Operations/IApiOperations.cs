using System.Text.Json.Nodes;
using Cairn.Core.Auth;

namespace Cairn.Core.Operations;

/// <summary>
/// The whole API as operations, described and runnable by name, written by the protocol that serves it (B2), so that a
/// protocol without a wire of its own for each operation (MCP) offers all of them without describing any.
/// </summary>
public interface IApiOperations
{
    /// <summary>Every operation, one entry per name.</summary>
    IReadOnlyList<ApiOperation> All { get; }

    /// <summary>
    /// Runs a <see cref="ApiTransport.Call"/> operation as <paramref name="principal"/> — the object service checks its
    /// rights as for any call — and answers the operation's JSON result. Failures are <see cref="Errors.CairnException"/>.
    /// </summary>
    Task<JsonNode?> RunAsync(Principal principal, string name, JsonObject arguments, CancellationToken cancellationToken);
}
