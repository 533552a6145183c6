namespace Cairn.Core.Errors;

/// <summary>
/// The one exception type the object service throws for a refused request. It carries a
/// protocol-neutral <see cref="CairnError"/> and a human message; protocols decide the wire form.
/// </summary>
public sealed class CairnException : Exception
{
    public CairnException(CairnError error, string message, int? retryAfterSeconds = null)
        : base(message)
    {
        Error = error;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>A refusal caused by a lower-level failure (a full disk, say), kept for the log.</summary>
    public CairnException(CairnError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public CairnError Error { get; }

    /// <summary>For <see cref="CairnError.RateLimited"/> and <see cref="CairnError.ServiceUnavailable"/>: how long the client should wait.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>For <see cref="CairnError.RangeNotSatisfiable"/>: the size of what the range was resolved against, if known.</summary>
    public long? CompleteLength { get; init; }
}
