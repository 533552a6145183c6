using System.Net;
using System.Net.Sockets;
using System.Text;
using Cairn.Testing;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// Slow-loris clients (headers or a body dribbled a few bytes at a time) hold nothing other clients need, and the
/// server closes them once the limits of <c>Cairn:Http</c> run out.
/// </summary>
public sealed class SlowClientTests
{
    private const int HeaderDribblers = 24;
    private const int BodyDribblers = 4;

    // Generous against the 2 s header timeout and 1.5 s grace set below (Kestrel's own defaults are 30 s and 5 s).
    private const int MaxDribbles = 60;
    private static readonly TimeSpan DribblePause = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task SlowLorisConnections_OtherClientsAreServed_AndTheSlowOnesAreClosed()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string>
        {
            ["Cairn:Http:RequestHeadersTimeout"] = "00:00:02",
            ["Cairn:Http:MinDataRateGracePeriod"] = "00:00:01.5",
        });
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync("slow-" + Guid.NewGuid().ToString("N")[..20]);
        var port = new Uri(server.BaseUrl).Port;
        var uploads = new List<(string Url, string Token)>();
        for (var i = 0; i < BodyDribblers; i++)
        {
            uploads.Add(await session.GetUploadUrlAsync(bucketId));
        }

        var slow = Enumerable.Range(0, HeaderDribblers)
            .Select(i => DribbleAsync(port, $"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n", Encoding.ASCII.GetBytes($"X-Slow-{i}: a\r\n")))
            .Concat(uploads.Select((upload, i) => DribbleAsync(port,
                $"POST {new Uri(upload.Url).PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {upload.Token}\r\nX-Bz-File-Name: slow-{i}\r\n" +
                "Content-Type: b2/x-auto\r\nX-Bz-Content-Sha1: do_not_verify\r\nContent-Length: 1048576\r\n\r\n", [0])))
            .ToList();

        // While they dribble, an ordinary client does its work.
        for (var i = 0; i < 5; i++)
        {
            await session.UploadAsync(bucketId, $"served-{i}", Encoding.UTF8.GetBytes($"content {i}"));
        }
        var listing = await session.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Equal(5, listing.GetProperty("files").GetArrayLength());
        using (var http = server.CreateClient())
        using (var health = await http.GetAsync("health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var closedByServer = await Task.WhenAll(slow);
        Assert.All(closedByServer, Assert.True);
        Assert.DoesNotContain(server.Logs, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Sends <paramref name="head"/>, then <paramref name="dribble"/> every <see cref="DribblePause"/> until the server
    /// ends the connection (true) or <see cref="MaxDribbles"/> have gone (false).
    /// </summary>
    private static async Task<bool> DribbleAsync(int port, string head, byte[] dribble)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        var ended = DrainUntilClosedAsync(socket);
        for (var i = 0; i < MaxDribbles; i++)
        {
            if (await Task.WhenAny(ended, Task.Delay(DribblePause)) == ended)
            {
                return true;
            }
            try
            {
                await socket.SendAsync(dribble);
            }
            catch (SocketException)
            {
                return true; // reset by the server
            }
        }
        return ended.IsCompleted;
    }

    /// <summary>Reads (a 408, say) until the server closes or resets the connection.</summary>
    private static async Task DrainUntilClosedAsync(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset: closed as well.
        }
        catch (ObjectDisposedException)
        {
            // The dribbler gave up and disposed the socket.
        }
    }
}
