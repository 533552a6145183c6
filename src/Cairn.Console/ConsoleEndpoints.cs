using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cairn.Console;

/// <summary>
/// Maps the web console: its assets under <c>/console/</c>, and the root URL redirected there for browsers. The
/// console holds no server-side logic; its pages call the public B2 API with the signed-in key's token.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Path = "/console";

    /// <summary>Redirects a browser's <c>GET /</c> to the console; API clients asking <c>/</c> get what they got before.</summary>
    public static IApplicationBuilder UseCairnConsole(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (IsBrowserAtRoot(http.Request))
            {
                http.Response.Redirect(Path + "/");
                return;
            }
            await next(http);
        });

    public static IEndpointRouteBuilder MapCairnConsole(this IEndpointRouteBuilder app)
    {
        // The catch-all also matches "/console" itself (routing ignores a trailing slash): that one is sent to "/console/"
        // so the page's relative asset URLs resolve under it.
        app.MapMethods(Path + "/{**asset}", ["GET", "HEAD"], (HttpContext http, string? asset) =>
        {
            if (string.IsNullOrEmpty(asset) && !http.Request.Path.Value!.EndsWith('/'))
            {
                http.Response.Redirect(Path + "/");
                return Task.CompletedTask;
            }
            return ConsoleAssets.Serve(http, asset);
        });
        return app;
    }

    internal static bool IsBrowserAtRoot(HttpRequest request) =>
        request.Path == "/"
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
