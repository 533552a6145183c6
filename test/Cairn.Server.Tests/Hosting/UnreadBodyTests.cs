using System.Net;
using System.Net.Sockets;
using System.Text;
using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// An upload handler that returns before it has read its whole body (the client stopped sending, sent too little,
/// sent a wrong SHA-1, or was refused before the body mattered) leaves no body read pending: Kestrel never logs
/// "Reading is already in progress", nothing is logged at warning or above, and a kept-alive connection serves its
/// next request. Each case runs many rounds, since which of the read's end and the abort's signal comes first varies.
/// </summary>
public sealed class UnreadBodyTests
{
    private const int Rounds = 12;
    private const int BodyLength = 256 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClientHalfClosesMidBody_NoReadLeftPending(bool inMemory)
    {
        await using var server = await CairnServer.StartAsync(inMemory: inMemory);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("half-" + Guid.NewGuid().ToString("N")[..20]);
        var fileId = await session.StartIdAsync(bucketId, "large");
        for (var round = 0; round < Rounds; round++)
        {
            var (uploadUrl, uploadToken) = await session.GetUploadUrlAsync(bucketId);
            await SendHalfThenHalfCloseAsync(server, uploadUrl, "b2_upload_file",
                [("Authorization", uploadToken), ("X-Bz-File-Name", $"half-{round}"), ("Content-Type", "b2/x-auto"), ("X-Bz-Content-Sha1", "do_not_verify")]);
            var (partUrl, partToken) = await session.GetPartUrlAsync(fileId);
            await SendHalfThenHalfCloseAsync(server, partUrl, "b2_upload_part",
                [("Authorization", partToken), ("X-Bz-Part-Number", "1"), ("X-Bz-Content-Sha1", "do_not_verify")]);
        }

        await session.UploadAsync(bucketId, "after", "still serving"u8.ToArray());
        AssertNoPendingReadOrWarning(server);
    }

    [Theory]
    [InlineData("wrong sha1")]
    [InlineData("bad token")]
    [InlineData("bad name")]
    public async Task UploadRefused_NextRequestOnTheSameConnectionIsServed(string fault)
    {
        await using var server = await CairnServer.StartAsync();
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("refused-" + Guid.NewGuid().ToString("N")[..20]);
        for (var round = 0; round < Rounds; round++)
        {
            var (uploadUrl, uploadToken) = await session.GetUploadUrlAsync(bucketId);
            var uri = new Uri(uploadUrl);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, uri.Port);
            var stream = client.GetStream();
            var head = new StringBuilder($"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Length: {BodyLength}\r\n")
                .Append("Authorization: ").Append(fault == "bad token" ? "garbage" : uploadToken).Append("\r\n")
                .Append("X-Bz-File-Name: ").Append(fault == "bad name" ? "%00" : $"refused-{round}").Append("\r\n")
                .Append("Content-Type: b2/x-auto\r\nX-Bz-Content-Sha1: ").Append(new string('0', 40)).Append("\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
            await stream.WriteAsync(new byte[BodyLength]);
            var first = await ReadResponseAsync(stream);
            Assert.Matches(fault == "bad token" ? "^HTTP/1.1 401 " : "^HTTP/1.1 400 ", first);

            // The same connection, if the server kept it, serves the next request; a closed one is fair after a refusal.
            var health = $"GET /health HTTP/1.1\r\nHost: {uri.Authority}\r\n\r\n";
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(health));
                var second = await ReadResponseAsync(stream);
                Assert.True(second.Length == 0 || second.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal), second);
            }
            catch (IOException)
            {
            }
        }

        await session.UploadAsync(bucketId, "after", "still serving"u8.ToArray());
        AssertNoPendingReadOrWarning(server);
    }

    [Theory]
    [InlineData("ffffffffffffffffff")]
    [InlineData("zz")]
    public async Task MalformedChunkedBody_Answered400_NoReadLeftPending(string chunkSize)
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("chunked-" + Guid.NewGuid().ToString("N")[..20]);
        var baseUri = new Uri(server.BaseUrl);
        for (var round = 0; round < Rounds; round++)
        {
            var json = $"POST /b2api/v2/b2_list_buckets HTTP/1.1\r\nHost: {baseUri.Authority}\r\nAuthorization: {session.Token}\r\n"
                + $"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunkSize}\r\n";
            RawWire.AssertB2ErrorBody(await RawWire.SendAsync(baseUri, Encoding.ASCII.GetBytes(json)), 400, "bad_request");

            var (uploadUrl, uploadToken) = await session.GetUploadUrlAsync(bucketId);
            var uri = new Uri(uploadUrl);
            var upload = $"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: {uploadToken}\r\nX-Bz-File-Name: chunked-{round}\r\n"
                + $"Content-Type: b2/x-auto\r\nX-Bz-Content-Sha1: do_not_verify\r\nTransfer-Encoding: chunked\r\n\r\n{chunkSize}\r\n";
            var answer = await RawWire.SendAsync(uri, Encoding.ASCII.GetBytes(upload));
            Assert.StartsWith("HTTP/1.1 4", answer, StringComparison.Ordinal);
        }

        await session.UploadAsync(bucketId, "after", "still serving"u8.ToArray());
        AssertNoPendingReadOrWarning(server);
    }

    private static void AssertNoPendingReadOrWarning(CairnServer server)
    {
        var lines = server.Logs.ToList();
        Assert.DoesNotContain(lines, line => line.Contains("Reading is already in progress", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line =>
            (line.StartsWith("Warning ", StringComparison.Ordinal) && !line.Contains("In-memory mode", StringComparison.Ordinal))
            || line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Sends the headers and half of the declared body, waits until the handler runs (so it is reading that body), ends
    /// the client's side of the stream (FIN), then waits for the server to close the connection.
    /// </summary>
    private static async Task SendHalfThenHalfCloseAsync(CairnServer server, string url, string operation, (string Name, string Value)[] headers)
    {
        bool IsThisOne(string line) => line.Contains("Executing endpoint 'HTTP: ", StringComparison.Ordinal) && line.Contains($"/{operation}", StringComparison.Ordinal);
        var before = server.Logs.Count(IsThisOne);
        var uri = new Uri(url);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, uri.Port);
        var head = new StringBuilder($"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Length: {BodyLength}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await socket.SendAsync(new byte[BodyLength / 2]);
        for (var i = 0; i < 300 && server.Logs.Count(IsThisOne) <= before; i++)
        {
            await Task.Delay(50);
        }
        using var stream = new NetworkStream(socket, ownsSocket: false);
        socket.Shutdown(SocketShutdown.Send);
        await ReadToEndAsync(stream);
    }

    /// <summary>Reads one response's head and body (Content-Length or chunked); "" when the server closed first.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var text = Encoding.Latin1.GetString(received.ToArray());
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (split >= 0)
            {
                var head = text[..split].Split("\r\n");
                var lengthLine = head.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var chunked = head.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (chunked ? text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal) : received.Count >= split + 4 + length)
                {
                    return text;
                }
            }
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                read = 0;
            }
            if (read == 0)
            {
                return Encoding.Latin1.GetString(received.ToArray());
            }
            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static async Task ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[8192];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed all the same.
        }
    }
}
