using System.Xml;
using System.Xml.Linq;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// What every reply to an S3 request must be: never 5xx, and every error S3's XML
/// (<c>&lt;Error&gt;&lt;Code&gt;…</c>) with the request id S3 sends; 501 NotImplemented is S3's answer to a feature it
/// does not offer and counts as an error, not a fault. Two kinds of request are not S3's to answer and
/// only need no 5xx: one whose mutation took its SigV4 away (it goes on to the B2 pipeline on the same port), and one
/// Kestrel refuses before any request exists (a target or headers over its limits, bytes that are not HTTP), which
/// the connection layer answers as B2 does, since it cannot know which protocol the client meant.
/// </summary>
public static class S3ReplyInvariants
{
    public static string? Check(RawRequest request, RawResponse response)
    {
        if (response.Status >= 500 && !(response.Status == 501 && (request.Method == "HEAD" || response.Text.Contains("<Code>NotImplemented</Code>", StringComparison.Ordinal))))
        {
            return $"{response.Status} (no 5xx may answer a client's mistake): {Cut(response.Text)}";
        }
        var answeredByS3 = response.Header("x-amz-request-id") is not null;
        if (!answeredByS3)
        {
            return IsS3Shaped(request) && !IsConnectionLevelRefusal(request, response)
                ? $"{response.Status} to a SigV4 request, not answered by S3 (no x-amz-request-id): {Cut(response.Text)}"
                : null;
        }
        if (response.Status < 300 || response.Status == 304 || request.Method == "HEAD")
        {
            return null;
        }
        try
        {
            // S3 writes characters XML 1.0 can not carry (a key's U+0001) as character references; read them as clients do.
            using var reader = XmlReader.Create(new StringReader(response.Text), new XmlReaderSettings { CheckCharacters = false });
            var root = XDocument.Load(reader).Root;
            var code = root?.Element("Code")?.Value;
            if (root?.Name.LocalName != "Error" || string.IsNullOrEmpty(code) || root.Element("Message") is null)
            {
                return $"{response.Status} without an S3 error body <Error><Code/><Message/>: {Cut(response.Text)}";
            }
            return null;
        }
        catch (XmlException)
        {
            return $"{response.Status} without an S3 error body (not XML): {Cut(response.Text)}";
        }
    }

    /// <summary>Signed for S3 as the server tells requests apart: SigV4 (or SigV2) in the header, or a presigned query.</summary>
    public static bool IsS3Shaped(RawRequest request)
    {
        var authorization = request.Header("Authorization") ?? "";
        var query = request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[(request.Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        return authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal) || authorization.StartsWith("AWS ", StringComparison.Ordinal)
            || query.Split('&').Any(p => p.StartsWith("X-Amz-Algorithm", StringComparison.OrdinalIgnoreCase) || p.StartsWith("AWSAccessKeyId", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsConnectionLevelRefusal(RawRequest request, RawResponse response) =>
        response.Status is 400 or 408 or 413 or 414 or 431 && (request.Method == "HEAD" || response.Text.Contains("\"code\"", StringComparison.Ordinal));

    public static string Kind(string failure) => failure.StartsWith("no reply", StringComparison.Ordinal) ? "no reply" : failure.Split(' ')[0] + (failure.Contains("S3", StringComparison.Ordinal) ? " body" : "");

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
