namespace Cairn.Server.Replication;

/// <summary>A B2-compatible service refused a call (or answered something unreadable).</summary>
internal sealed class B2RemoteException : Exception
{
    public B2RemoteException(int status, string detail, string message) : base(message)
    {
        Status = status;
        Detail = detail;
    }

    /// <summary>The HTTP status; 0 when the answer was not understood.</summary>
    public int Status { get; }

    /// <summary><c>code: message</c> from B2's error body.</summary>
    public string Detail { get; }
}
