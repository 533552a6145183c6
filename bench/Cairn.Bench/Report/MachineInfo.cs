using System.Runtime.InteropServices;

namespace Cairn.Bench.Report;

/// <summary>What the table was measured on: cores, memory, CPU model, the disk under the scratch directory, load.</summary>
internal static class MachineInfo
{
    public static void Describe(Results results, string scratch)
    {
        results.Machine["cores (nproc)"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        results.Machine["cpu"] = FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        results.Machine["memory"] = FirstValue("/proc/meminfo", "MemTotal") is { } mem ? $"{long.Parse(mem.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / (1024.0 * 1024):0.0} GiB" : "?";
        results.Machine["os"] = RuntimeInformation.OSDescription;
        results.Machine[".NET"] = RuntimeInformation.FrameworkDescription;
        results.Machine["scratch disk"] = Disk(scratch);
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The mount that holds <paramref name="path"/>: device, filesystem type, and whether the device rotates.</summary>
    private static string Disk(string path)
    {
        try
        {
            var best = ("", "", "");
            foreach (var line in File.ReadLines("/proc/mounts"))
            {
                var parts = line.Split(' ');
                if (parts.Length > 2 && path.StartsWith(parts[1], StringComparison.Ordinal) && parts[1].Length >= best.Item2.Length)
                {
                    best = (parts[0], parts[1], parts[2]);
                }
            }
            var device = Path.GetFileName(best.Item1);
            var rotational = File.Exists($"/sys/block/{device}/queue/rotational") ? (File.ReadAllText($"/sys/block/{device}/queue/rotational").Trim() == "1" ? ", rotational" : ", non-rotational") : "";
            var drive = new DriveInfo(best.Item2);
            return $"{best.Item1} ({best.Item3}{rotational}, {drive.TotalSize / 1e9:0} GB, {drive.AvailableFreeSpace / 1e9:0} GB free) at {best.Item2}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "?";
        }
    }

    private static string? FirstValue(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
