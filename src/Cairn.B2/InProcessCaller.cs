using Cairn.Core.Auth;

namespace Cairn.B2;

/// <summary>
/// The already-verified caller of a B2 call run in process (<see cref="OpenApi.B2ApiOperations"/>): an HTTP feature only
/// this assembly can set, so no request from the network can claim it.
/// </summary>
internal sealed class InProcessCaller(Principal principal)
{
    public Principal Principal { get; } = principal;
}
