namespace Cairn.Mcp;

/// <summary>
/// The capabilities the Core call behind a tool demands. Only used to leave a tool out of the list of an agent whose
/// key lacks them; the object service still checks every call, so a missing or wrong attribute can hide a tool but
/// never grant anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NeedsCapabilityAttribute(params string[] capabilities) : Attribute
{
    public IReadOnlyList<string> Capabilities { get; } = capabilities;
}
