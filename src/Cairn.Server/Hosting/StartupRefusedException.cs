namespace Cairn.Server.Hosting;

/// <summary>
/// The start was refused for a reason the operator can fix (a mistyped option, a data directory another Cairn
/// process holds). Its message says what and how; the program prints it without a stack trace and exits with 2.
/// </summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
