using Cairn.Testing;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// After the fuzz: nothing a hostile client sent made the server log a warning or an error. A client's mistake is
/// answered and, at most, noted below warning; a louder line (an unhandled exception, Kestrel's "Reading is already in
/// progress" when a handler returns with a body read pending) is noise that real faults would hide behind.
/// </summary>
public static class ServerLogAudit
{
    private const int MaxShown = 5;

    public static List<string> Run(CairnServer server)
    {
        var faults = server.Logs.Where(IsFault).ToList();
        return faults.Take(MaxShown)
            .Select(line => $"the server logged ({faults.Count} such lines in all): {line}")
            .ToList();
    }

    private static bool IsFault(string line) =>
        line.StartsWith("Warning ", StringComparison.Ordinal)
        || line.StartsWith("Error ", StringComparison.Ordinal)
        || line.StartsWith("Critical ", StringComparison.Ordinal)
        || line.Contains("Reading is already in progress", StringComparison.Ordinal);
}
