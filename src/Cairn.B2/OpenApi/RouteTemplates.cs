using System.Text.RegularExpressions;

namespace Cairn.B2.OpenApi;

/// <summary>Translates ASP.NET Core route patterns into OpenAPI path templates.</summary>
public static partial class RouteTemplates
{
    /// <summary>
    /// <c>/b2api/{version:b2version}/b2_upload_file/{bucketId}/{slot?}</c> → <c>/b2api/{apiVersion}/b2_upload_file/{bucketId}/{slot}</c>;
    /// <c>{**fileName}</c> → <c>{fileName}</c>. OpenAPI has no optional or catch-all path parameters; the operation's
    /// description says where a parameter may be left out or hold slashes.
    /// </summary>
    public static string FromRoutePattern(string pattern)
    {
        var path = VersionParameter().Replace(pattern, "{apiVersion}");
        return OtherParameter().Replace(path, m => "{" + m.Groups["name"].Value + "}");
    }

    [GeneratedRegex(@"\{version(:[^}]*)?\}")]
    private static partial Regex VersionParameter();

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)(:[^}?]*)?\??\}")]
    private static partial Regex OtherParameter();
}
