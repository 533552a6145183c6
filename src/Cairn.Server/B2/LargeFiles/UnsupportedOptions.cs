using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2.LargeFiles;

/// <summary>
/// Encryption fields of JSON calls: refused until encryption exists, rather than silently ignored.
/// Their "nothing" forms (absent, null, <c>{"mode":null}</c>, <c>{"mode":"none"}</c>) are accepted, since b2sdk sends them.
/// </summary>
public static class UnsupportedOptions
{
    public static void Refuse(B2Request request, params string[] names)
    {
        foreach (var name in names)
        {
            var nothing = request.Raw(name) is { } value
                ? IsNothing(value)
                : request.String(name) is null or "" or "off";
            if (!nothing)
            {
                throw Fail.BadRequest($"{name} is not supported by this server yet");
            }
        }
    }

    private static bool IsNothing(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => !value.TryGetProperty("mode", out var mode) || mode.ValueKind == JsonValueKind.Null
            || mode.ValueKind == JsonValueKind.String && mode.GetString() == "none",
        JsonValueKind.String => value.GetString() == "off",
        _ => false,
    };
}
