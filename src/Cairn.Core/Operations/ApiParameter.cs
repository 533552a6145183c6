using System.Text.Json.Nodes;

namespace Cairn.Core.Operations;

/// <summary>One argument of an <see cref="ApiOperation"/>: its JSON Schema, whether it is required, what it means.</summary>
public sealed record ApiParameter(string Name, JsonNode Schema, bool Required, string Description);
