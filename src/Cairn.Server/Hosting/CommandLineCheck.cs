using System.Reflection;
using Cairn.Core;

namespace Cairn.Server.Hosting;

/// <summary>
/// Refuses a command line that names an option Cairn does not know, so that a mistyped <c>--postgress x</c> or
/// <c>--Cairn:MaxBucketPerAccount=5</c> stops the start with a message naming it, instead of starting silently on
/// the defaults. The configuration provider itself accepts any key: this is the check it does not make.
/// </summary>
/// <remarks>
/// Accepted: Cairn's switches (<see cref="CairnConfiguration.SwitchMappings"/>), the host's own flat keys
/// (<c>--urls</c> …), and configuration keys under <c>Logging:</c>, <c>Kestrel:</c> and <c>Cairn:</c>, where the
/// name after <c>Cairn:</c> must be a setting or section Cairn reads. Forms as the provider takes them:
/// <c>--key value</c>, <c>--key=value</c>, <c>/key value</c>, <c>key=value</c>.
/// </remarks>
public static class CommandLineCheck
{
    // Keys the ASP.NET Core host reads from configuration itself.
    private static readonly string[] HostKeys = ["urls", "environment", "contentRoot", "applicationName", "http_ports", "https_ports", "AllowedHosts"];

    private static readonly string[] OtherSections = ["Logging", "Kestrel"];

    /// <summary>Sections under <c>Cairn:</c> bound by options classes of their own, and <c>--config</c>'s key.</summary>
    private static readonly string[] CairnSections = ["Storage", "Mcp", "OAuth", "S3", "Notifications", "Replication", "Faults", "RateLimit", "Caps", "Http", "ConfigFile"];

    private static readonly HashSet<string> CairnNames = new(
        typeof(CairnServerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Concat(typeof(ObjectServiceOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => p.Name)
            .Concat(CairnSections),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="StartupRefusedException"/> naming the first argument Cairn does not know.</summary>
    public static void ThrowIfUnknown(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string key;
            var hasValue = false;
            if (arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/'))
            {
                var body = arg.StartsWith('/') ? arg[1..] : arg[2..];
                var equals = body.IndexOf('=', StringComparison.Ordinal);
                hasValue = equals >= 0;
                key = hasValue ? body[..equals] : body;
            }
            else if (arg.StartsWith('-'))
            {
                throw new StartupRefusedException($"Unknown option {arg}.{Suggestion(arg.TrimStart('-'))} See --help.");
            }
            else if (arg.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals)
            {
                key = arg[..equals];
                hasValue = true;
            }
            else
            {
                throw new StartupRefusedException($"Unexpected argument '{arg}': options are written --name value or --name=value. See --help.");
            }
            if (!IsKnown(key))
            {
                throw new StartupRefusedException($"Unknown option --{key}.{Suggestion(key)} See --help.");
            }
            if (!hasValue)
            {
                i++; // its value is the next argument
            }
        }
    }

    private static bool IsKnown(string key)
    {
        if (CairnConfiguration.SwitchMappings.Keys.Any(s => string.Equals(s[2..], key, StringComparison.OrdinalIgnoreCase))
            || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        var segments = key.Split(':');
        if (segments.Length < 2 || segments.Any(s => s.Length == 0))
        {
            return false;
        }
        return OtherSections.Contains(segments[0], StringComparer.OrdinalIgnoreCase)
            || (string.Equals(segments[0], CairnServerOptions.Section, StringComparison.OrdinalIgnoreCase) && CairnNames.Contains(segments[1]));
    }

    private static string Suggestion(string key)
    {
        var segments = key.Split(':');
        IEnumerable<string> candidates;
        string prefix;
        if (segments.Length >= 2 && string.Equals(segments[0], CairnServerOptions.Section, StringComparison.OrdinalIgnoreCase))
        {
            candidates = CairnNames;
            prefix = CairnServerOptions.Section + ":";
            key = segments[1];
        }
        else
        {
            candidates = CairnConfiguration.SwitchMappings.Keys.Select(s => s[2..]).Append("urls");
            prefix = "";
        }
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(key.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .First();
        return best.Distance <= Math.Max(2, key.Length / 3) ? $" Did you mean --{prefix}{best.Name}?" : "";
    }

    // Levenshtein distance: edits that turn a into b.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
