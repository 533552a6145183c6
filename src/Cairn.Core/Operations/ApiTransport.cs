namespace Cairn.Core.Operations;

/// <summary>How an operation's input and output travel.</summary>
public enum ApiTransport
{
    /// <summary>Arguments in, a JSON result out: runs through <see cref="IApiOperations.RunAsync"/>.</summary>
    Call,
    /// <summary>Bytes sent to an address (and token) another operation handed out.</summary>
    Upload,
    /// <summary>Bytes fetched from an address, with a token or a download authorization.</summary>
    Download,
}
