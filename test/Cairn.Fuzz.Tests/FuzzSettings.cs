using System.Globalization;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// The run's knobs, from the environment: <c>CAIRN_FUZZ_SEED</c> (default 17), <c>CAIRN_FUZZ_REQUESTS</c> (default
/// 2500, CI's slice).
/// </summary>
public sealed record FuzzSettings(int Seed, int Requests)
{
    public static FuzzSettings FromEnvironment() => new(
        Number("CAIRN_FUZZ_SEED", 17),
        Number("CAIRN_FUZZ_REQUESTS", 2500));

    private static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
