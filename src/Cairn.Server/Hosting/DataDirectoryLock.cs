namespace Cairn.Server.Hosting;

/// <summary>
/// An exclusive lock on <c>&lt;data&gt;/cairn.lock</c>, held for as long as the server runs, so that a second Cairn
/// process started on the same data directory stops at once with a clear message instead of racing the first on
/// the schema and the blobs. .NET takes <see cref="FileShare.None"/> on Unix as an advisory <c>flock</c> on the
/// open file, which the kernel releases when the process ends, however it ends: a stale lock file never blocks a
/// restart after a crash.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name in the data directory.</summary>
    public const string FileName = "cairn.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock on <paramref name="dataPath"/> (which must exist), or throws <see cref="StartupRefusedException"/>.</summary>
    public static DataDirectoryLock Acquire(string dataPath)
    {
        var path = Path.Combine(dataPath, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new StartupRefusedException(
                $"The data directory {dataPath} is in use by another Cairn process (it holds {path}). " +
                "Stop that process first, or start this one with another --data.", e);
        }
        try
        {
            // For whoever looks: which process holds it. The lock is the open file, not this text.
            file.SetLength(0);
            file.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            file.Flush();
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new DataDirectoryLock(file);
    }

    public void Dispose() => _file.Dispose();
}
