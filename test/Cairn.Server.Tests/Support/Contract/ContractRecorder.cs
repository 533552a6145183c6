using System.Collections.Concurrent;
using System.Text;
using Cairn.Server.B2;
using Cairn.Server.OpenApi;
using Cairn.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cairn.Server.Tests.Support.Contract;

/// <summary>
/// Sits in front of every server the integration suite starts and checks every B2 exchange — request and response —
/// against /openapi.json (<see cref="OpenApiContract"/>). A mismatch fails the server's disposal, so the test class
/// that made the call fails: the document cannot drift from what the server does.
/// </summary>
public sealed class ContractRecorder : IServerCheck, IStartupFilter
{
    /// <summary>JSON bodies are small; larger ones (downloads, uploads) are not captured.</summary>
    private const int CaptureLimit = 1024 * 1024;

    private readonly ConcurrentQueue<string> _violations = new();

    /// <summary>Exchanges checked by every server in this process, per operation path and method.</summary>
    public static ConcurrentDictionary<string, int> Checked { get; } = new(StringComparer.Ordinal);

    private int _count;

    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Exchanges this server's recorder checked.</summary>
    public int Count => _count;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    public void ThrowIfFailed()
    {
        if (!_violations.IsEmpty)
        {
            throw new InvalidOperationException($"{_violations.Count} exchange(s) disagree with /openapi.json:\n" + string.Join('\n', _violations.Distinct().Take(20)));
        }
    }

    private async Task RecordAsync(HttpContext http, RequestDelegate next)
    {
        if (B2RequestGuard.KindOf(http.Request.Path) is null || http.Request.Path.StartsWithSegments("/mcp", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }
        string? requestJson = null;
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            && http.Request.ContentLength is null or <= CaptureLimit)
        {
            http.Request.EnableBuffering();
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            try
            {
                requestJson = await reader.ReadToEndAsync(http.RequestAborted);
                http.Request.Body.Position = 0;
            }
            catch (IOException)
            {
                // A malformed body (a broken chunk): the server must answer it; reading it again fails the same way.
                await next(http);
                return;
            }
        }
        var original = http.Response.Body;
        await using var tee = new TeeStream(original, CaptureLimit);
        http.Response.Body = tee;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.GetEndpoint() is not RouteEndpoint endpoint || endpoint.RoutePattern.RawText is not { } pattern || http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        var path = RouteTemplates.FromRoutePattern(pattern);
        int? version = pattern.StartsWith("/b2api/", StringComparison.Ordinal) ? B2Call.VersionOf(http) : null;
        var responseJson = tee.Overflowed || tee.Captured.Length == 0 ? null : Encoding.UTF8.GetString(tee.Captured.ToArray());
        var problems = OpenApiContract.Instance.Check(http.Request.Method, path, version, http.Response.StatusCode,
            string.IsNullOrWhiteSpace(requestJson) ? null : requestJson, http.Response.ContentType, responseJson);
        Checked.AddOrUpdate($"{http.Request.Method} {path}", 1, (_, n) => n + 1);
        Interlocked.Increment(ref _count);
        foreach (var problem in problems)
        {
            _violations.Enqueue(problem);
        }
    }

    /// <summary>Writes through to the response and keeps a copy of the first bytes.</summary>
    private sealed class TeeStream(Stream inner, int limit) : Stream
    {
        public MemoryStream Captured { get; } = new();

        public bool Overflowed { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed)
            {
                return;
            }
            if (Captured.Length + bytes.Length > limit)
            {
                Overflowed = true;
                Captured.SetLength(0);
                return;
            }
            Captured.Write(bytes);
        }
    }
}
