using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cairn.B2.Rejections;

/// <summary>
/// Kestrel answers requests it can not parse (request target or headers over its limits: 414, 431; <c>%00</c> in the
/// path, header bytes that are not UTF-8, a malformed request line: 400; headers too slow: 408) by itself, before any
/// middleware runs, with an empty body, and offers no hook to change that reply. A B2 client must get B2's JSON error
/// everywhere, so a connection middleware sits between Kestrel and the socket: while no request is in the application
/// (<see cref="RequestTracker"/>), what Kestrel writes is held, and a bodiless error reply is rewritten with B2's body
/// (<see cref="RejectionRewritingWriter"/>). Everything written while a request is in the application passes untouched.
/// </summary>
public static class KestrelRejections
{
    public static void UseB2Rejections(this ListenOptions listen) => listen.Use(next => async connection =>
    {
        var tracker = new RequestTracker();
        var transport = connection.Transport;
        var writer = new RejectionRewritingWriter(transport.Output, tracker);
        connection.Features.Set(tracker);
        connection.Transport = new Duplex(transport.Input, writer);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    });

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
