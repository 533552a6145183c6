using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cairn.Bench.Servers;

/// <summary>
/// The machine's limits as HTTP endpoints with no storage logic, run as <c>Cairn.Bench bare --urls URL --dir DIR</c>:
/// <list type="bullet">
/// <item><c>POST /drain</c> reads the body and discards it (network stack + Kestrel);</item>
/// <item><c>POST /hashwrite/{name}</c> hashes the body with SHA-1 while writing it to a new file, fsyncs it and answers
/// the hex digest: the physical floor of a durable, verified upload (<c>?md5=1</c> adds MD5 in the same pass);</item>
/// <item><c>GET /sendfile/{name}</c> sends such a file with <c>SendFileAsync</c> (page cache, kernel send where offered);</item>
/// <item><c>GET /mem/{size}</c> answers <c>size</c> bytes from memory.</item>
/// </list>
/// Buffers are the same size as Cairn's ingest buffer (128 KiB) and pooled.
/// </summary>
internal static class BareServer
{
    private const int BufferSize = 128 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var urls = Argument(args, "--urls") ?? "http://127.0.0.1:8790";
        var directory = Path.GetFullPath(Argument(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "cairn-bare"));
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var memory = new Dictionary<int, byte[]>();

        app.MapGet("/health", () => "ok");
        app.MapPost("/drain", async (HttpContext http) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                while (await http.Request.Body.ReadAsync(buffer.AsMemory(0, BufferSize), http.RequestAborted) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return Results.Ok();
        });
        app.MapPost("/hashwrite/{**name}", async (HttpContext http, string name) =>
        {
            var path = Path.Combine(directory, FileName(name));
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            using var md5 = http.Request.Query.ContainsKey("md5") ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
                long position = 0;
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(0, BufferSize), http.RequestAborted)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    md5?.AppendData(buffer, 0, read);
                    await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, read), position, http.RequestAborted);
                    position += read;
                }
                RandomAccess.FlushToDisk(handle);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return Results.Text(Convert.ToHexStringLower(sha.GetHashAndReset()));
        });
        app.MapGet("/sendfile/{**name}", (HttpContext http, string name) =>
        {
            var path = Path.Combine(directory, FileName(name));
            http.Response.ContentLength = new FileInfo(path).Length;
            http.Response.ContentType = "application/octet-stream";
            return http.Response.SendFileAsync(path, http.RequestAborted);
        });
        app.MapGet("/mem/{size:int}", (HttpContext http, int size) =>
        {
            byte[]? body;
            lock (memory)
            {
                if (!memory.TryGetValue(size, out body))
                {
                    body = Support.Pattern.Block.AsSpan(0, size).ToArray();
                    memory[size] = body;
                }
            }
            http.Response.ContentLength = size;
            http.Response.ContentType = "application/octet-stream";
            return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>One flat file per name; only safe characters survive, so no name leaves the directory.</summary>
    private static string FileName(string name) =>
        "f_" + string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_';
            }
        });

    private static string? Argument(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
