using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.Auth;

/// <summary>
/// Stateless tokens: <c>&lt;kind&gt;_&lt;base64url(fields)&gt;.&lt;base64url(mac)&gt;</c> with an HMAC-SHA256 over the kind and
/// the fields under the server's secret (kept in the metadata store, so every node can verify every token).
/// </summary>
public sealed class SignedToken
{
    private const char FieldSeparator = '\n';
    private const int MacBytes = 18;
    private readonly byte[] _key;

    public SignedToken(byte[] key) => _key = key;

    public string Create(char kind, params string[] fields)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join(FieldSeparator, fields));
        return string.Concat(kind.ToString(), "_", Base64Url.EncodeToString(payload), ".", Base64Url.EncodeToString(Mac(kind, payload)));
    }

    /// <summary>Returns the fields of a well-formed token of <paramref name="kind"/> whose MAC verifies, else null.</summary>
    public string[]? Read(char kind, string token)
    {
        if (token.Length < 4 || token.Length > 2048 || token[0] != kind || token[1] != '_')
        {
            return null;
        }
        var dot = token.LastIndexOf('.');
        if (dot < 2)
        {
            return null;
        }
        try
        {
            var payload = Base64Url.DecodeFromChars(token.AsSpan(2, dot - 2));
            var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(mac, Mac(kind, payload)))
            {
                return null;
            }
            return Encoding.UTF8.GetString(payload).Split(FieldSeparator);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Mac(char kind, byte[] payload)
    {
        var data = new byte[payload.Length + 1];
        data[0] = (byte)kind;
        payload.CopyTo(data, 1);
        return HMACSHA256.HashData(_key, data)[..MacBytes];
    }
}
