namespace Cairn.Compat.Tests.Clients;

/// <summary><c>/usr/bin/python3</c>, where Debian's backblaze-b2 (the b2 CLI 1.3.8) and python3-b2sdk 1.17.3 live.</summary>
public static class Python
{
    public const string Executable = "/usr/bin/python3";

    public const string MissingHint =
        "/usr/bin/python3 is missing (apt-get install python3 backblaze-b2 python3-b2sdk); the compatibility tests never skip.";

    /// <summary>
    /// Fails (never skips) unless the Python statement <paramref name="check"/> exits with 0, naming the Debian
    /// <paramref name="package"/> that provides <paramref name="what"/>.
    /// </summary>
    public static async Task RequireAsync(string check, string what, string package)
    {
        var probe = await ProcessRunner.RunAsync(Executable, ["-c", check], missingHint: MissingHint);
        if (probe.ExitCode != 0)
        {
            throw new ClientProcessException($"{what} is not importable by {Executable} (apt-get install {package}); " +
                "the compatibility tests never skip." + Environment.NewLine + probe.Describe());
        }
    }
}
