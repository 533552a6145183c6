using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Cairn.Server.B2.Wire;

namespace Cairn.Server.B2.Rejections;

/// <summary>
/// The connection's output, as Kestrel sees it. Writes made while a request is in the application go straight through;
/// writes made outside one (only Kestrel's own refusals) are held until flushed, and a held reply that is a bodiless
/// 4xx/5xx is sent with B2's JSON error body instead. Anything else held is sent as it was.
/// </summary>
public sealed class RejectionRewritingWriter : PipeWriter
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly PipeWriter _inner;
    private readonly RequestTracker _tracker;
    private readonly ArrayBufferWriter<byte> _held = new();
    private bool _holding;

    public RejectionRewritingWriter(PipeWriter inner, RequestTracker tracker)
    {
        _inner = inner;
        _tracker = tracker;
    }

    public override bool CanGetUnflushedBytes => _inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => _inner.UnflushedBytes + _held.WrittenCount;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        _holding = _held.WrittenCount > 0 || !_tracker.InApplication;
        return _holding ? _held.GetMemory(sizeHint) : _inner.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        _holding = _held.WrittenCount > 0 || !_tracker.InApplication;
        return _holding ? _held.GetSpan(sizeHint) : _inner.GetSpan(sizeHint);
    }

    public override void Advance(int bytes)
    {
        if (_holding)
        {
            _held.Advance(bytes);
        }
        else
        {
            _inner.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Release();
        return _inner.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => _inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Release();
        _inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Release();
        return _inner.CompleteAsync(exception);
    }

    /// <summary>Moves what is held to the connection, rewritten when it is one of Kestrel's bodiless refusals.</summary>
    private void Release()
    {
        if (_held.WrittenCount == 0)
        {
            return;
        }
        var held = _held.WrittenSpan;
        _inner.Write(Rewrite(held) ?? held);
        _held.Clear();
        _holding = false;
    }

    /// <summary>The refusal with B2's body, or null when <paramref name="reply"/> is not a complete bodiless error reply.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> reply)
    {
        var end = reply.IndexOf(HeaderEnd);
        if (end < 0 || end + HeaderEnd.Length != reply.Length || !reply.StartsWith("HTTP/1.1 "u8))
        {
            return null;
        }
        var lines = Encoding.Latin1.GetString(reply[..end]).Split("\r\n");
        if (lines[0].Length < 12 || !int.TryParse(lines[0].AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 400)
        {
            return null;
        }
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                if (line["Content-Length:".Length..].Trim() != "0")
                {
                    return null;
                }
                continue;
            }
            if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            head.Append(line).Append("\r\n");
        }
        var (code, message) = Describe(status);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(code, message, status), B2JsonContext.Default.ErrorResponse);
        head.Append("Content-Type: ").Append(B2Results.ErrorContentType).Append("\r\n")
            .Append("Cache-Control: ").Append(B2Results.NoCache).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    private static (string Code, string Message) Describe(int status) => status switch
    {
        408 => (B2ErrorCodes.RequestTimeout, "The request headers did not arrive in time"),
        413 => (B2ErrorCodes.BadRequest, "The request is too large"),
        414 => (B2ErrorCodes.BadRequest, "The request target (path and query) is too long"),
        431 => (B2ErrorCodes.BadRequest, "The request headers are too many or too large"),
        _ => (B2ErrorCodes.BadRequest, "The HTTP request is malformed: invalid request line, path or header (a header value must be UTF-8; B2 percent-encodes names and file info)"),
    };
}
