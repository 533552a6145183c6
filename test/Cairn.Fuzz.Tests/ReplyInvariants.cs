using System.Text.Json;

namespace Cairn.Fuzz.Tests;

/// <summary>What every reply must be, whatever was asked: never 5xx, and on a B2 path every error is B2's error JSON.</summary>
public static class ReplyInvariants
{
    /// <summary>Null when the reply keeps the promises; otherwise what it broke.</summary>
    public static string? Check(RawRequest request, RawResponse response)
    {
        if (response.Status >= 500)
        {
            return $"{response.Status} (no 5xx may answer a client's mistake): {Cut(response.Text)}";
        }
        var path = request.Target.Split('?')[0];
        var b2Path = path.StartsWith("/b2api/", StringComparison.Ordinal) || path.StartsWith("/file/", StringComparison.Ordinal);
        if (!b2Path || response.Status < 300 || response.Status == 304 || request.Method == "HEAD")
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || code.GetString()!.Length == 0
                || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return $"{response.Status} without a B2 error body {{status, code, message}}: {Cut(response.Text)}";
            }
            if (status.GetInt32() != response.Status)
            {
                return $"{response.Status} with a B2 error body saying status {status.GetInt32()}: {Cut(response.Text)}";
            }
            return null;
        }
        catch (JsonException)
        {
            return $"{response.Status} without a B2 error body (not JSON): {Cut(response.Text)}";
        }
    }

    /// <summary>A short name for the kind of failure, so a minimized request is checked for the same one.</summary>
    public static string Kind(string failure) => failure.StartsWith("no reply", StringComparison.Ordinal) ? "no reply" : failure.Split(' ')[0] + (failure.Contains("B2 error", StringComparison.Ordinal) ? " body" : "");

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
