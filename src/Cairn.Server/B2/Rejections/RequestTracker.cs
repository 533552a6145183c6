namespace Cairn.Server.B2.Rejections;

/// <summary>
/// Per connection: whether Cairn is handling a request on it. Kestrel writes nothing of its own while a request is in
/// the application, so bytes written when none is are Kestrel refusing a request it could not parse.
/// </summary>
public sealed class RequestTracker
{
    private int _inApplication;

    public bool InApplication => Volatile.Read(ref _inApplication) != 0;

    /// <summary>Marks the request as in the application until its response has been written out completely.</summary>
    public static void Enter(HttpContext http)
    {
        if (http.Features.Get<RequestTracker>() is not { } tracker)
        {
            return;
        }
        Volatile.Write(ref tracker._inApplication, 1);
        http.Response.OnCompleted(static state =>
        {
            Volatile.Write(ref ((RequestTracker)state)._inApplication, 0);
            return Task.CompletedTask;
        }, tracker);
    }
}
