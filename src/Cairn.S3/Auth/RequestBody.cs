using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Auth;

/// <summary>
/// The decoded body of a write and its length, in whichever of S3's five payload forms it came: a signed body
/// (SHA-256 checked at the end), <c>UNSIGNED-PAYLOAD</c>, or aws-chunked (signed or not, with or without a trailer).
/// An additional checksum (<c>x-amz-checksum-*</c> header, or one the <c>x-amz-trailer</c> header announces) is
/// verified over the decoded bytes.
/// </summary>
public sealed class RequestBody
{
    private RequestBody(Stream stream, long length, VerifyingStream verifier, string? checksumName)
    {
        Stream = stream;
        Length = length;
        _verifier = verifier;
        ChecksumName = checksumName;
    }

    private readonly VerifyingStream _verifier;

    public Stream Stream { get; }

    public long Length { get; }

    /// <summary>The additional checksum's algorithm (<c>crc32</c>), or null when the request sent none.</summary>
    public string? ChecksumName { get; }

    /// <summary>Base64 of the additional checksum, after the body has been read.</summary>
    public string? Checksum => _verifier.ComputedChecksum;

    public static RequestBody Open(HttpRequest request, S3Caller caller)
    {
        var payload = caller.PayloadHash;
        var streaming = PayloadHashes.IsStreaming(payload);
        long length;
        if (streaming)
        {
            var decoded = request.Headers["x-amz-decoded-content-length"].ToString();
            if (!long.TryParse(decoded, NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                throw new S3Exception(411, S3ErrorCodes.MissingContentLength, "An aws-chunked upload must send x-amz-decoded-content-length");
            }
        }
        else if (request.ContentLength is { } contentLength)
        {
            length = contentLength;
        }
        else
        {
            throw new S3Exception(411, S3ErrorCodes.MissingContentLength, "You must provide the Content-Length HTTP header.");
        }

        AwsChunkedStream? chunked = null;
        var stream = request.Body;
        string? expectedSha256 = null;
        if (streaming)
        {
            var signed = payload is PayloadHashes.StreamingSigned or PayloadHashes.StreamingSignedTrailer;
            chunked = new AwsChunkedStream(stream, signed ? caller.Signing : null, payload != PayloadHashes.StreamingSigned);
            stream = chunked;
        }
        else if (payload != PayloadHashes.Unsigned)
        {
            if (payload.Length != 64 || !payload.All(char.IsAsciiHexDigit))
            {
                throw S3Exception.InvalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-*, or the hex SHA-256 of the body");
            }
            expectedSha256 = payload;
        }

        string? checksumName = null;
        Func<string?> expected = () => null;
        var trailer = request.Headers["x-amz-trailer"].ToString().Trim().ToLowerInvariant();
        if (trailer.Length > 0)
        {
            if (chunked is null)
            {
                throw S3Exception.InvalidRequest("x-amz-trailer needs an aws-chunked body");
            }
            checksumName = NameOf(trailer);
            var reader = chunked;
            expected = () => reader.Trailers.TryGetValue(trailer, out var value) ? value : null;
        }
        else
        {
            foreach (var name in S3Checksum.Names)
            {
                var header = request.Headers["x-amz-checksum-" + name].ToString();
                if (header.Length > 0)
                {
                    checksumName = name;
                    expected = () => header;
                    break;
                }
            }
        }
        var checksum = checksumName is null ? null : S3Checksum.Create(checksumName);
        var verifier = new VerifyingStream(stream, expectedSha256, checksum, checksumName ?? "", expected);
        return new RequestBody(verifier, length, verifier, checksumName);
    }

    private static string NameOf(string trailer)
    {
        const string Prefix = "x-amz-checksum-";
        var name = trailer.StartsWith(Prefix, StringComparison.Ordinal) ? trailer[Prefix.Length..] : "";
        if (S3Checksum.Create(name) is null)
        {
            throw S3Exception.InvalidArgument($"The trailer {trailer} is not a checksum Cairn knows");
        }
        return name;
    }
}
