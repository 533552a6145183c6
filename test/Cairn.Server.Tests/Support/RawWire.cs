using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cairn.Server.Tests.Support;

/// <summary>
/// Requests written byte by byte over TCP, for what HttpClient will not send (oversized request lines and headers, bytes
/// that are not UTF-8, <c>%00</c> in a path), and assertions on the raw reply.
/// </summary>
public static class RawWire
{
    /// <summary>
    /// Sends <paramref name="request"/> and returns what the server sent until it closed the connection, as Latin-1 text
    /// ("" if nothing). No half-close: Kestrel takes the end of the input as an abort. The request must end with one the
    /// server refuses, as it then closes; the server may answer and close before reading everything.
    /// </summary>
    public static async Task<string> SendAsync(Uri server, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request);
            await stream.FlushAsync();
        }
        catch (IOException)
        {
            // The server refused the request and closed before reading all of it; its answer may still be there.
        }
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: keep what arrived.
        }
        catch (OperationCanceledException)
        {
            // The server kept the connection open: return what arrived.
        }
        return Encoding.Latin1.GetString(received.ToArray());
    }

    /// <summary>Asserts that a raw reply carries B2's JSON error body with the given status and code.</summary>
    public static JsonElement AssertB2ErrorBody(string response, int status, string code)
    {
        Assert.True(RawHttp.Status(response) == status, $"expected {status} in: {response[..Math.Min(response.Length, 600)]}");
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no header block in: {response}");
        var head = response[..split];
        Assert.Contains("\r\nContent-Type: application/json", head, StringComparison.OrdinalIgnoreCase);
        var payload = response[(split + 4)..];
        if (head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            payload = Dechunk(payload);
        }
        var body = JsonDocument.Parse(payload).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        return body;
    }

    private static string Dechunk(string chunked)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < chunked.Length)
        {
            var end = chunked.IndexOf("\r\n", i, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[i..end].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }
            text.Append(chunked, end + 2, size);
            i = end + 2 + size + 2;
        }
        return text.ToString();
    }
}
