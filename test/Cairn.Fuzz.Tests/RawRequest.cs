using System.Globalization;
using System.Text;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// One HTTP/1.1 request exactly as it goes on the wire: headers in order (duplicates allowed), a body, and the lies a
/// hostile client tells (a Content-Length that does not match, a body cut short). <see cref="RawHttp"/> sends it over
/// a plain socket, so nothing between the test and Kestrel tidies it up.
/// </summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>Content-Length to declare; null declares the body's real length (none for an empty GET/HEAD).</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>Send the body in HTTP/1.1 chunks (no Content-Length), or this raw text as the whole chunked body.</summary>
    public bool Chunked { get; init; }

    public string? RawChunkedBody { get; init; }

    /// <summary>Close our sending side after the bytes, so a server waiting for a longer body sees end of stream.</summary>
    public bool HalfClose { get; init; }

    /// <summary>What the generator did to the valid request, for the failure report.</summary>
    public string Mutation { get; init; } = "valid";

    /// <summary>The B2 operation the request was made from.</summary>
    public string Operation { get; init; } = "";

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public RawRequest WithHeaders(IEnumerable<KeyValuePair<string, string>> headers) => this with { Headers = headers.ToList() };

    /// <summary>The request head and body bytes as sent.</summary>
    public byte[] ToBytes(string host)
    {
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\r\n");
        if (!Headers.Any(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("Connection: close\r\n");
        byte[] body;
        if (Chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
            body = RawChunkedBody is { } raw ? Encoding.Latin1.GetBytes(raw) : ChunkBody(Body);
        }
        else
        {
            var length = DeclaredLength ?? Body.Length;
            if (DeclaredLength is not null || Body.Length > 0 || Method is not ("GET" or "HEAD" or "OPTIONS"))
            {
                head.Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }
            body = Body;
        }
        head.Append("\r\n");
        // Header values are sent as UTF-8 bytes: non-ASCII reaches Kestrel as a client would send it.
        return [.. Encoding.UTF8.GetBytes(head.ToString()), .. body];
    }

    /// <summary>A reproduction a person can read and replay: method, target, headers, body (escaped, cut at 2 KiB).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("  operation: ").Append(Operation).Append("; mutation: ").Append(Mutation).Append('\n');
        text.Append("  ").Append(Method).Append(' ').Append(Escape(Target, 600)).Append('\n');
        foreach (var (name, value) in Headers)
        {
            text.Append("  ").Append(name).Append(": ").Append(Escape(value, 300)).Append('\n');
        }
        if (DeclaredLength is { } declared)
        {
            text.Append("  Content-Length: ").Append(declared.ToString(CultureInfo.InvariantCulture)).Append(" (actual ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append(")\n");
        }
        if (Chunked)
        {
            text.Append("  Transfer-Encoding: chunked\n");
        }
        if (HalfClose)
        {
            text.Append("  (client closes its side after sending)\n");
        }
        var body = RawChunkedBody ?? Encoding.UTF8.GetString(Body);
        if (body.Length > 0)
        {
            text.Append("  body (").Append((RawChunkedBody?.Length ?? Body.Length).ToString(CultureInfo.InvariantCulture)).Append(" bytes): ").Append(Escape(body, 2048)).Append('\n');
        }
        return text.ToString();
    }

    private static byte[] ChunkBody(byte[] body)
    {
        using var stream = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += 7)
        {
            var count = Math.Min(7, body.Length - offset);
            stream.Write(Encoding.ASCII.GetBytes(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            stream.Write(body, offset, count);
            stream.Write("\r\n"u8);
        }
        stream.Write("0\r\n\r\n"u8);
        return stream.ToArray();
    }

    private static string Escape(string value, int max)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            if (c < 0x20 || c == 0x7f)
            {
                text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }
        if (value.Length > max)
        {
            text.Append("… (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)");
        }
        return text.ToString();
    }
}
