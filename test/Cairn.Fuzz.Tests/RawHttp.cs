using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// Sends a <see cref="RawRequest"/> over its own TCP connection (<c>Connection: close</c>) and reads the first reply.
/// A reply that does not come within <see cref="Timeout"/> is a hang, reported as such.
/// </summary>
public sealed class RawHttp(string host, int port)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<RawResponse> SendAsync(RawRequest request)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request.ToBytes($"{host}:{port}"), timeout.Token);
            if (request.HalfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything we meant to send; read what it said.
        }
        try
        {
            return await ReadAsync(stream, request.Method == "HEAD", timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no reply within {Timeout}");
        }
    }

    private static async Task<RawResponse> ReadAsync(NetworkStream stream, bool head, CancellationToken cancel, MemoryStream? already = null)
    {
        var buffer = already ?? new MemoryStream();
        var chunk = new byte[64 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var read = await ReadSomeAsync(stream, chunk, cancel);
            if (read == 0)
            {
                throw new IOException($"connection closed before a complete reply ({buffer.Length} bytes read)");
            }
            buffer.Write(chunk, 0, read);
        }
        var all = buffer.ToArray();
        var lines = Encoding.Latin1.GetString(all, 0, headEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        if (status is >= 100 and < 200 and not 101)
        {
            // An interim reply (100 Continue to an Expect header) comes before the real one: read on.
            var after = new MemoryStream();
            after.Write(all, headEnd + 4, all.Length - headEnd - 4);
            return await ReadAsync(stream, head, cancel, after);
        }
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")).ToList();
        var rest = new MemoryStream();
        rest.Write(all, headEnd + 4, all.Length - headEnd - 4);
        var response = new RawResponse(status, headers, []);
        if (head || status is 204 or 304 || status < 200)
        {
            return response;
        }
        // Read to the end: every request says Connection: close.
        int n;
        while ((n = await ReadSomeAsync(stream, chunk, cancel)) > 0)
        {
            rest.Write(chunk, 0, n);
        }
        var body = rest.ToArray();
        if (string.Equals(response.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        else if (response.Header("Content-Length") is { } length && long.TryParse(length, CultureInfo.InvariantCulture, out var declared) && declared < body.Length)
        {
            body = body[..(int)declared];
        }
        return response with { Body = body };
    }

    private static async Task<int> ReadSomeAsync(NetworkStream stream, byte[] chunk, CancellationToken cancel)
    {
        try
        {
            return await stream.ReadAsync(chunk, cancel);
        }
        catch (IOException)
        {
            return 0; // reset after the reply: what we have is what was sent
        }
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = Array.IndexOf(body, (byte)'\n', position);
            if (lineEnd < 0)
            {
                break;
            }
            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd - position).Trim().Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }
            var start = lineEnd + 1;
            output.Write(body, start, Math.Min(size, body.Length - start));
            position = start + size + 2;
        }
        return output.ToArray();
    }

    private static int IndexOf(MemoryStream buffer, ReadOnlySpan<byte> pattern) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(pattern);
}
