using Cairn.Core.Encryption;

namespace Cairn.Server.Hosting;

/// <summary>
/// Where the SSE-B2 master key comes from: <c>CAIRN_SSE_MASTER_KEY</c> (base64 of 32 bytes) when set; in memory mode a
/// random key per process; otherwise the file <c>sse-master.key</c> in the data directory, created on first start with
/// owner-only permissions (0600). It is deliberately not in metadata.db, next to the data keys it wraps: a copy of the
/// database alone does not decrypt anything. Losing the key loses every SSE-B2 file, so back it up apart from the data.
/// </summary>
public static partial class SseMasterKeyFile
{
    public const string FileName = "sse-master.key";

    public static SseMasterKey Load(CairnServerOptions options, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.SseMasterKey))
        {
            return Parse(options.SseMasterKey, "CAIRN_SSE_MASTER_KEY");
        }
        if (options.InMemory)
        {
            return SseMasterKey.Random();
        }
        var directory = Path.GetFullPath(options.DataPath);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path), path);
        }
        Directory.CreateDirectory(directory);
        var key = SseMasterKey.Random();
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, create))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(key.ToBase64());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            File.Delete(temporary);
            return Parse(File.ReadAllText(path), path);
        }
        LogCreated(logger, path);
        return key;
    }

    private static SseMasterKey Parse(string text, string source)
    {
        try
        {
            return SseMasterKey.FromBase64(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{source}: {e.Message}", e);
        }
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Created the SSE-B2 master key file {Path} (back it up: SSE-B2 files cannot be read without it)")]
    private static partial void LogCreated(ILogger logger, string path);
}
