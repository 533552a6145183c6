using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// The consent and grants pages and their script and style, shipped inside the assembly (OAuth/Assets): nothing is
/// loaded from anywhere else, and the headers forbid it (CSP), framing (clickjacking) and caching.
/// </summary>
public static class Pages
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>An embedded asset's text (consent.html, consent.js, …).</summary>
    public static string Asset(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(Pages).Assembly.GetManifestResourceStream("Cairn.Mcp.OAuth.Assets." + n)
            ?? throw new InvalidOperationException($"missing embedded asset {n}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>GET /oauth/assets/{name}: the page's script and style.</summary>
    public static async Task AssetAsync(HttpContext http, string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        if (type is null || name.Contains('/', StringComparison.Ordinal) || typeof(Pages).Assembly.GetManifestResourceInfo("Cairn.Mcp.OAuth.Assets." + name) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = type;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        await http.Response.WriteAsync(Asset(name), http.RequestAborted);
    }

    /// <summary>Writes an HTML page whose <c>{{name}}</c> slots are filled with <paramref name="slots"/> (already HTML).</summary>
    public static async Task HtmlAsync(HttpContext http, string template, IReadOnlyDictionary<string, string> slots, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder(Asset(template));
        foreach (var (name, value) in slots)
        {
            html.Replace("{{" + name + "}}", value);
        }
        Secure(http);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html.ToString(), http.RequestAborted);
    }

    /// <summary>A page that tells the person what went wrong, for errors that must not go to the client's redirect URI.</summary>
    public static Task ErrorAsync(HttpContext http, int status, string title, string message) =>
        HtmlAsync(http, "error.html", new Dictionary<string, string> { ["title"] = Encode(title), ["message"] = Encode(message) }, status);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void Secure(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
    }
}
