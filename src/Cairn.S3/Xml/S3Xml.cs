using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cairn.S3.Auth;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Xml;

/// <summary>S3's XML bodies: the 2006-03-01 namespace, timestamps in ISO 8601 with milliseconds, UTF-8.</summary>
public static class S3Xml
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    private const int MaxBodyLength = 1024 * 1024;

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    /// <summary>2009-10-12T17:50:30.000Z.</summary>
    public static string Timestamp(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(HttpContext http, XElement root, int status = 200)
    {
        var bytes = Serialize(root);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/xml";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>
    /// UTF-8 XML. A key or path may hold characters XML 1.0 can not carry (U+0001); they are written as character
    /// references (<c>&amp;#x1;</c>), as S3 writes them, rather than failing the reply.
    /// </summary>
    public static byte[] Serialize(XElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, CheckCharacters = false }))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Reads a small request body as XML (CreateBucketConfiguration, Delete, CompleteMultipartUpload), verified as every
    /// body is (<see cref="RequestBody"/>: the signed SHA-256 or aws-chunked signatures, and any checksum); null when
    /// the request has no body.
    /// </summary>
    public static async Task<XElement?> ReadAsync(S3Call call)
    {
        var request = call.Http.Request;
        if (request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding") && !PayloadHashes.IsStreaming(call.Caller.PayloadHash))
        {
            return null;
        }
        var body = RequestBody.Open(request, call.Caller);
        if (body.Length > MaxBodyLength)
        {
            throw new S3Exception(400, S3ErrorCodes.MalformedXml, "The XML body is larger than 1 MiB");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.Stream.ReadAsync(chunk, call.Aborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyLength)
            {
                throw new S3Exception(400, S3ErrorCodes.MalformedXml, "The XML body is larger than 1 MiB");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return null;
        }
        buffer.Position = 0;
        try
        {
            return XElement.Load(XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }));
        }
        catch (XmlException)
        {
            throw new S3Exception(400, S3ErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against our published schema.");
        }
    }

    /// <summary>The child elements named <paramref name="name"/>, with or without S3's namespace (clients send both).</summary>
    public static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The value of the first child named <paramref name="name"/>, with or without S3's namespace; null when absent.</summary>
    public static string? Child(XElement parent, string name) => Children(parent, name).FirstOrDefault()?.Value;
}
