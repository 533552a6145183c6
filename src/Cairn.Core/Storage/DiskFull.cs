namespace Cairn.Core.Storage;

/// <summary>
/// Recognises "no space left" from a store: an <see cref="IOException"/> anywhere in the exception's chain whose
/// HResult is ENOSPC or EDQUOT (on Unix .NET reports the errno as the HResult) or Windows' disk-full codes. Stores turn
/// it into <see cref="Errors.Fail.StorageFull"/>, the retryable 503 of B2, instead of a server fault.
/// </summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int EdquotLinux = 122;
    private const int EdquotBsd = 69;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>Whether <paramref name="exception"/> or one of its inner exceptions reports a full disk or quota.</summary>
    public static bool Caused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException io && IsDiskFullCode(io.HResult))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="hresult"/> is a disk-full code on this OS.</summary>
    public static bool IsDiskFullCode(int hresult) =>
        OperatingSystem.IsWindows()
            ? hresult is WindowsDiskFull or WindowsHandleDiskFull
            : hresult == Enospc || hresult == (OperatingSystem.IsLinux() ? EdquotLinux : EdquotBsd);
}
