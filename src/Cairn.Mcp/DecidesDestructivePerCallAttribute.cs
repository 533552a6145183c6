namespace Cairn.Mcp;

/// <summary>
/// Marks a tool that runs destructive and harmless operations alike (call_operation): it stays offered when the server
/// keeps destructive tools from agents, and refuses each destructive operation itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DecidesDestructivePerCallAttribute : Attribute;
