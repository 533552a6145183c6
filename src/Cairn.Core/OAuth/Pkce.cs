using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.OAuth;

/// <summary>PKCE (RFC 7636), S256 only: OAuth 2.1 and MCP forbid <c>plain</c>.</summary>
public static class Pkce
{
    public const string S256 = "S256";

    /// <summary>A challenge is base64url of a SHA-256: 43 characters of the base64url alphabet.</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: 43 } && challenge.All(IsUnreserved);

    /// <summary>RFC 7636 §4.1: 43 to 128 unreserved characters, and its SHA-256 must be the challenge.</summary>
    public static bool Verifies(string? verifier, string challenge)
    {
        if (verifier is not { Length: >= 43 and <= 128 } || !verifier.All(IsUnreserved))
        {
            return false;
        }
        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
