using System.Runtime.InteropServices;

namespace Cairn.Bench.Support;

/// <summary>fsync of a directory, which .NET cannot open as a file: libc open(O_RDONLY|O_DIRECTORY) + fsync (Linux x64/arm64).</summary>
internal static partial class NativeSync
{
    public static void FsyncDirectory(string directory)
    {
        var directoryFlag = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 ? 0x4000 : 0x10000;
        var fd = Open(directory, directoryFlag);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            if (FSync(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
