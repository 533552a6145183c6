using System.Text.Json;

namespace Cairn.Bench.Report;

/// <summary>latest.json: every measurement with its count, seconds and note, plus the machine and the run.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(Results results) => JsonSerializer.Serialize(new
    {
        machine = results.Machine,
        run = results.Run,
        measurements = results.Measurements,
    }, Options);
}
