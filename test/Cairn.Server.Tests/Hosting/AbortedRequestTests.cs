using System.Net;
using System.Net.Sockets;
using System.Text;
using Cairn.Server.Tests.B2.LargeFiles;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// A client that resets its connection in the middle of a request is the client's doing: the server logs it as
/// such, below warning, and never as an unhandled failure answered 500.
/// </summary>
public sealed class AbortedRequestTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UploadsResetMidBody_LogNoErrorOrWarning_AndServerKeepsServing(bool inMemory)
    {
        await using var server = await CairnServer.StartAsync(inMemory: inMemory);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("abort-" + Guid.NewGuid().ToString("N")[..20]);
        var fileId = await session.StartIdAsync(bucketId, "large");
        const int Rounds = 4;
        var aborted = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var (uploadUrl, uploadToken) = await session.GetUploadUrlAsync(bucketId);
            await SendThenResetAsync(server, uploadUrl, "b2_upload_file", 1024 * 1024,
                [("Authorization", uploadToken), ("X-Bz-File-Name", $"aborted-{round}"), ("Content-Type", "b2/x-auto"), ("X-Bz-Content-Sha1", "do_not_verify")]);
            var (partUrl, partToken) = await session.GetPartUrlAsync(fileId);
            await SendThenResetAsync(server, partUrl, "b2_upload_part", 1024 * 1024,
                [("Authorization", partToken), ("X-Bz-Part-Number", "1"), ("X-Bz-Content-Sha1", "do_not_verify")]);
            aborted += 2;
            // Each aborted request ends in the handler's note that the client went away (and nothing louder).
            await WaitForAsync(() => Count(server, ClientAbortedText) >= aborted, server);
        }

        await session.UploadAsync(bucketId, "after", "still serving"u8.ToArray());
        Assert.Equal(aborted, Count(server, ClientAbortedText));
        Assert.DoesNotContain(server.Logs, IsWarningOrWorse);
    }

    private const string ClientAbortedText = "The client went away during";

    private static bool IsWarningOrWorse(string line) =>
        (line.StartsWith("Warning ", StringComparison.Ordinal) && !line.Contains("In-memory mode", StringComparison.Ordinal))
        || line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal);

    private static int Count(CairnServer server, string text) => server.Logs.Count(line => line.Contains(text, StringComparison.Ordinal));

    private static async Task WaitForAsync(Func<bool> condition, CairnServer server)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), "Not reached within 15 s. Logs:" + Environment.NewLine + string.Join(Environment.NewLine, server.Logs));
    }

    /// <summary>
    /// Sends the headers and part of a body of <paramref name="declaredLength"/> bytes, waits until the server is
    /// running <paramref name="operation"/>'s handler (so it is reading that body), then resets the connection (RST).
    /// </summary>
    private static async Task SendThenResetAsync(CairnServer server, string url, string operation, int declaredLength, (string Name, string Value)[] headers)
    {
        var executing = $"Executing endpoint 'HTTP: ";
        bool IsThisOne(string line) => line.Contains(executing, StringComparison.Ordinal) && line.Contains($"/{operation}", StringComparison.Ordinal);
        var before = server.Logs.Count(IsThisOne);
        var uri = new Uri(url);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, uri.Port);
        var head = new StringBuilder($"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Length: {declaredLength}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await socket.SendAsync(new byte[Math.Min(declaredLength / 2, 64 * 1024)]);
        await WaitForAsync(() => server.Logs.Count(IsThisOne) > before, server);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
