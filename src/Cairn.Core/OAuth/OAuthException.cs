namespace Cairn.Core.OAuth;

/// <summary>
/// An OAuth request Core refuses. Kept apart from <see cref="Errors.CairnException"/>: these reasons exist only for the
/// agent sign-in flow, and no B2 or S3 call can raise them.
/// </summary>
public sealed class OAuthException : Exception
{
    public OAuthException(OAuthError error, string message)
        : base(message) => Error = error;

    public OAuthException()
    {
    }

    public OAuthException(string message)
        : base(message)
    {
    }

    public OAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OAuthError Error { get; }
}
