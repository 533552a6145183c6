using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Xml;

/// <summary>S3's XML bodies: the 2006-03-01 namespace, timestamps in ISO 8601 with milliseconds, UTF-8.</summary>
public static class S3Xml
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

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

    public static byte[] Serialize(XElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Reads a small request body as XML (CreateBucketConfiguration and the like); null when it is empty.</summary>
    public static async Task<XElement?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > 1024 * 1024)
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
}
