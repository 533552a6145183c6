using System.Runtime.InteropServices;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Makes a directory's entries durable. After <c>rename(2)</c> the new name lives only in the directory, so a crash
/// can undo the rename unless the directory itself is fsynced (Linux <c>fsync(2)</c>: "calling fsync() on a file
/// does not necessarily ensure that the entry in the directory containing the file has also reached disk").
/// </summary>
/// <remarks>
/// .NET has no API for this: <see cref="File.OpenHandle"/> refuses directories and <see cref="FileStream.Flush(bool)"/>
/// needs a file. So this opens the directory read-only with libc's <c>open</c> and calls <c>fsync</c> on that
/// descriptor, as PostgreSQL's <c>fsync_fname</c> and SQLite's <c>unixSync</c> do. Windows has no equivalent
/// (NTFS journals the rename itself), so there this is a no-op.
/// </remarks>
internal static partial class DirectorySync
{
    private const int ORdOnly = 0;
    private const int EBadF = 9;
    private const int EIsDir = 21;
    private const int EInval = 22;
    private const int ENoEnt = 2;
    private const int EOpNotSupp = 95;
    private const int OWrOnly = 1;
    private const int AtFdCwd = -100;
    private const int AtSymlinkFollow = 0x400;

    private static readonly int OpenFlags = ORdOnly | DirectoryFlag() | CloseOnExecFlag();

    /// <summary>fsyncs <paramref name="directory"/>; throws <see cref="IOException"/> when the kernel reports a failure.</summary>
    public static void Fsync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var fd = Open(directory, OpenFlags);
        if (fd < 0)
        {
            throw Error("open", directory, Marshal.GetLastPInvokeError());
        }
        try
        {
            if (FSync(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                // Some filesystems cannot fsync a directory at all; like PostgreSQL, treat that as nothing to do.
                if (errno is not (EBadF or EIsDir or EInval))
                {
                    throw Error("fsync", directory, errno);
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Opens an unnamed regular file in <paramref name="directory"/> for writing (<c>O_TMPFILE</c>), or returns null
    /// when this OS or filesystem cannot.
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenUnnamed(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var fd = OpenWithMode(directory, TmpFileFlag() | OWrOnly | CloseOnExecFlag(), 0x180 /* 0600 */);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is EOpNotSupp or EIsDir or EInval or ENoEnt)
            {
                return null;
            }
            throw Error("open(O_TMPFILE)", directory, errno);
        }
        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Gives an unnamed file (from <see cref="OpenUnnamed"/>) the name <paramref name="path"/>, atomically.</summary>
    public static void Link(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        // linkat(AT_EMPTY_PATH) needs CAP_DAC_READ_SEARCH; following the /proc/self/fd link does not.
        var source = "/proc/self/fd/" + handle.DangerousGetHandle().ToInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (LinkAt(AtFdCwd, source, AtFdCwd, path, AtSymlinkFollow) != 0)
        {
            throw Error("linkat", path, Marshal.GetLastPInvokeError());
        }
    }

    private static IOException Error(string call, string directory, int errno) =>
        new($"{call}({directory}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    // O_DIRECTORY and O_CLOEXEC differ between kernels and, on Linux, between architectures.
    private static int DirectoryFlag() =>
        OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? 0x100000
        : OperatingSystem.IsFreeBSD() ? 0x20000
        : RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Ppc64le ? 0x4000
        : 0x10000;

    // O_TMPFILE is __O_TMPFILE | O_DIRECTORY; __O_TMPFILE is 020000000 on the architectures .NET runs Linux on.
    private static int TmpFileFlag() => 0x400000 | DirectoryFlag();

    private static int CloseOnExecFlag() =>
        OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? 0x1000000
        : OperatingSystem.IsFreeBSD() ? 0x100000
        : 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenWithMode(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkAt(int oldDirFd, string oldPath, int newDirFd, string newPath, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
