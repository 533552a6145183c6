namespace Cairn.Core.Files;

/// <summary>Content types: <c>b2/x-auto</c> resolution by extension, and the fixed types B2 uses.</summary>
public static class ContentTypes
{
    public const string Auto = "b2/x-auto";
    public const string Default = "application/octet-stream";
    public const string HideMarker = "application/x-bz-hide-marker";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["txt"] = "text/plain",
        ["text"] = "text/plain",
        ["log"] = "text/plain",
        ["md"] = "text/markdown",
        ["html"] = "text/html",
        ["htm"] = "text/html",
        ["css"] = "text/css",
        ["csv"] = "text/csv",
        ["xml"] = "application/xml",
        ["js"] = "application/javascript",
        ["mjs"] = "application/javascript",
        ["json"] = "application/json",
        ["pdf"] = "application/pdf",
        ["zip"] = "application/zip",
        ["gz"] = "application/gzip",
        ["tgz"] = "application/gzip",
        ["tar"] = "application/x-tar",
        ["bz2"] = "application/x-bzip2",
        ["xz"] = "application/x-xz",
        ["7z"] = "application/x-7z-compressed",
        ["zst"] = "application/zstd",
        ["wasm"] = "application/wasm",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["webp"] = "image/webp",
        ["svg"] = "image/svg+xml",
        ["ico"] = "image/x-icon",
        ["bmp"] = "image/bmp",
        ["tif"] = "image/tiff",
        ["tiff"] = "image/tiff",
        ["avif"] = "image/avif",
        ["heic"] = "image/heic",
        ["mp3"] = "audio/mpeg",
        ["wav"] = "audio/wav",
        ["ogg"] = "audio/ogg",
        ["flac"] = "audio/flac",
        ["mp4"] = "video/mp4",
        ["m4v"] = "video/mp4",
        ["mov"] = "video/quicktime",
        ["webm"] = "video/webm",
        ["mkv"] = "video/x-matroska",
        ["avi"] = "video/x-msvideo",
        ["doc"] = "application/msword",
        ["xls"] = "application/vnd.ms-excel",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ["yaml"] = "application/x-yaml",
        ["yml"] = "application/x-yaml",
        ["sh"] = "application/x-sh",
        ["woff"] = "font/woff",
        ["woff2"] = "font/woff2",
        ["ttf"] = "font/ttf",
        ["otf"] = "font/otf",
    };

    /// <summary>The type to store: <c>b2/x-auto</c> becomes the type of the name's extension.</summary>
    public static string Resolve(string requested, string fileName)
    {
        if (!string.Equals(requested, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return requested;
        }
        var slash = fileName.LastIndexOf('/');
        var dot = fileName.LastIndexOf('.');
        if (dot > slash && dot < fileName.Length - 1 && ByExtension.TryGetValue(fileName[(dot + 1)..], out var type))
        {
            return type;
        }
        return Default;
    }

    /// <summary>A content type must look like <c>type/subtype</c> with optional parameters and no control characters.</summary>
    public static bool IsValid(string contentType) =>
        contentType.Length is > 2 and <= 1024
        && contentType.IndexOf('/', StringComparison.Ordinal) > 0
        && ContentHeaderRules.IsValid("Content-Type", contentType);
}
