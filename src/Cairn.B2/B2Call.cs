using System.Text.Json.Serialization.Metadata;
using Cairn.B2.Wire;
using Cairn.Core.Auth;

namespace Cairn.B2;

/// <summary>One B2 JSON call: its API version, its parameters, its caller and where to write the reply.</summary>
public sealed class B2Call
{
    private B2Call(HttpContext http, int version, B2Request request)
    {
        Http = http;
        Version = version;
        Request = request;
    }

    public HttpContext Http { get; }

    /// <summary>1..4, from the <c>/b2api/vN/</c> path.</summary>
    public int Version { get; }

    public B2Request Request { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    public static async Task<B2Call> ReadAsync(HttpContext http) =>
        new(http, VersionOf(http), await B2Request.ReadAsync(http.Request, http.RequestAborted));

    /// <summary>A call whose body is ignored (b2_authorize_account: clients POST <c>{}</c> or anything else).</summary>
    public static B2Call WithoutBody(HttpContext http) => new(http, VersionOf(http), B2Request.FromQuery(http.Request.Query));

    public static int VersionOf(HttpContext http) =>
        http.Request.RouteValues["version"] is string v && v.Length == 2 && v[0] == 'v' && v[1] is >= '1' and <= '4' ? v[1] - '0' : 4;

    /// <summary>
    /// Verifies the account authorization token in the <c>Authorization</c> header; a call run in process carries its
    /// verified caller instead.
    /// </summary>
    public Task<Principal> AuthenticateAsync() =>
        Http.Features.Get<InProcessCaller>() is { } caller
            ? Task.FromResult(caller.Principal)
            : Service<AuthService>().AuthenticateAsync(Http.Request.Headers.Authorization.ToString(), Aborted);

    public Task WriteAsync<T>(T value, JsonTypeInfo<T> typeInfo) => B2Results.WriteJsonAsync(Http, value, typeInfo);
}
