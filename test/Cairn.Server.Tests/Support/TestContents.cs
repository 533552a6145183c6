using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Server.Tests.Support;

/// <summary>A body of unknown length: HttpClient sends it chunked, without Content-Length.</summary>
public sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>
/// A body that signals when the server asked for it (send it with <c>Expect: 100-continue</c>: the server only asks
/// once the upload handler reads the body), writes its first part and then waits for <see cref="Release"/>.
/// </summary>
public sealed class GatedContent(byte[] bytes, int firstPart) : HttpContent
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public void Release() => _gate.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _started.TrySetResult();
        await stream.WriteAsync(bytes.AsMemory(0, firstPart));
        await stream.FlushAsync();
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stream.WriteAsync(bytes.AsMemory(firstPart));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}

/// <summary>HTTP/1.1 written by hand, for requests HttpClient refuses to send (a body shorter than its Content-Length).</summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, CRLF-terminated, ending with an empty line) and
    /// <paramref name="body"/>, half-closes, and returns whatever the server answered before closing ("" if nothing).
    /// </summary>
    public static async Task<string> SendAndCloseAsync(Uri server, string head, byte[] body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        client.Client.Shutdown(SocketShutdown.Send);
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
            // A reset after (or instead of) the answer: keep what arrived.
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>The status code of a raw response, or null when the server sent nothing.</summary>
    public static int? Status(string response) =>
        response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : null;
}
