using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Cairn.Console;

/// <summary>The console's files, embedded in this assembly as <c>console/&lt;path&gt;</c> resources.</summary>
public static class ConsoleAssets
{
    private const string Prefix = "console/";

    // Everything the page loads comes from this origin; fetch goes to the same origin's B2 API, and downloads become
    // blob: URLs. No inline script, no third-party host.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Assembly Assembly = typeof(ConsoleAssets).Assembly;

    private static readonly FrozenSet<string> Names = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The embedded asset paths, e.g. <c>index.html</c>, <c>js/app.js</c>.</summary>
    public static IReadOnlyCollection<string> All => Names;

    internal static async Task Serve(HttpContext http, string? asset)
    {
        var name = string.IsNullOrEmpty(asset) ? "index.html" : asset;
        if (!Names.Contains(name) || !ContentTypes.TryGetValue(System.IO.Path.GetExtension(name), out var contentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("not found");
            return;
        }
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // The assets change only with the server's build; revalidate so an upgrade is seen at once.
        headers.CacheControl = "no-cache";
        http.Response.ContentType = contentType;
        await using var stream = Assembly.GetManifestResourceStream(Prefix + name)!;
        http.Response.ContentLength = stream.Length;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
