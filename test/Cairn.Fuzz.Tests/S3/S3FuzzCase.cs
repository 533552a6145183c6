using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// An S3 request in the grammar's terms (operation, bucket, key, query, headers, body, payload form, credentials) so
/// mutations work on its parts before it is signed; <see cref="Render"/> signs it as a client would, then applies the
/// mutations that break the signature itself (<see cref="AfterSigning"/>).
/// </summary>
public sealed class S3FuzzCase
{
    public required string Operation { get; init; }

    public required string Method { get; set; }

    public string? Bucket { get; set; }

    public string? Key { get; set; }

    /// <summary>Sent as the path instead of the encoded bucket and key (raw bytes a client should have encoded).</summary>
    public string? RawPath { get; set; }

    /// <summary>Decoded names and values; a null value is sent as a bare name (<c>?uploads</c>).</summary>
    public List<KeyValuePair<string, string?>> Query { get; } = [];

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public byte[] Body { get; set; } = [];

    public PayloadMode Payload { get; set; } = PayloadMode.Signed;

    public ChunkFault Fault { get; set; }

    public required (string KeyId, string Secret) Credentials { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>How far the signing clock is from the real one.</summary>
    public TimeSpan Clock { get; set; }

    public long PresignExpires { get; set; } = 900;

    public long? DeclaredLength { get; set; }

    public bool HttpChunked { get; set; }

    public bool HalfClose { get; set; }

    public List<Func<RawRequest, RawRequest>> AfterSigning { get; } = [];

    public List<string> Mutations { get; } = [];

    public void SetHeader(string name, string value)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        Headers.Add(new(name, value));
    }

    public void SetQuery(string name, string? value)
    {
        Query.RemoveAll(q => q.Key == name);
        Query.Add(new(name, value));
    }

    public string EncodedPath => RawPath ?? "/" + (Bucket is null ? "" : S3Signing.Encode(Bucket, false) + (Key is null ? "" : "/" + S3Signing.Encode(Key, true)));

    public RawRequest Render(string host)
    {
        var at = DateTimeOffset.UtcNow + Clock;
        var timestamp = S3Signing.Timestamp(at);
        var date = timestamp[..8];
        var scope = $"{date}/{Region}/s3/aws4_request";
        var key = S3Signing.SigningKey(Credentials.Secret, date, Region);
        var headers = new List<KeyValuePair<string, string>> { new("Host", host) };
        headers.AddRange(Headers);
        var query = new List<KeyValuePair<string, string?>>(Query);
        var body = Body;
        string target;
        if (Payload == PayloadMode.Presigned)
        {
            query.Add(new("X-Amz-Algorithm", S3Signing.Algorithm));
            query.Add(new("X-Amz-Credential", $"{Credentials.KeyId}/{scope}"));
            query.Add(new("X-Amz-Date", timestamp));
            query.Add(new("X-Amz-Expires", PresignExpires.ToString(CultureInfo.InvariantCulture)));
            query.Add(new("X-Amz-SignedHeaders", "host"));
            var canonical = S3Signing.CanonicalRequest(Method, EncodedPath, query, headers, ["host"], "UNSIGNED-PAYLOAD");
            query.Add(new("X-Amz-Signature", S3Signing.Sign(key, S3Signing.StringToSign(timestamp, scope, canonical))));
            target = EncodedPath + "?" + S3Signing.Query(query);
        }
        else
        {
            var streaming = Payload is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer or PayloadMode.StreamingUnsignedTrailer;
            var payloadHash = Payload switch
            {
                PayloadMode.Signed => S3Signing.Sha256Hex(Body),
                PayloadMode.Unsigned => "UNSIGNED-PAYLOAD",
                PayloadMode.StreamingSigned => "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                PayloadMode.StreamingSignedTrailer => "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                _ => "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            };
            headers.Add(new("x-amz-date", timestamp));
            headers.Add(new("x-amz-content-sha256", payloadHash));
            if (streaming)
            {
                headers.Add(new("Content-Encoding", "aws-chunked"));
                var decoded = Body.Length + (Fault == ChunkFault.DecodedLengthWrong ? 1 + Body.Length % 7 : 0);
                headers.Add(new("x-amz-decoded-content-length", decoded.ToString(CultureInfo.InvariantCulture)));
                if (Payload != PayloadMode.StreamingSigned)
                {
                    headers.Add(new("x-amz-trailer", "x-amz-checksum-sha256"));
                }
            }
            var signed = headers.Select(h => h.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
            var canonical = S3Signing.CanonicalRequest(Method, EncodedPath, query, headers, signed, payloadHash);
            var signature = S3Signing.Sign(key, S3Signing.StringToSign(timestamp, scope, canonical));
            headers.Add(new("Authorization", $"{S3Signing.Algorithm} Credential={Credentials.KeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}"));
            if (streaming)
            {
                body = EncodeChunked(key, timestamp, scope, signature);
            }
            target = EncodedPath + (query.Count == 0 ? "" : "?" + S3Signing.Query(query));
        }
        var request = new RawRequest(Method, target, headers, body)
        {
            DeclaredLength = DeclaredLength,
            Chunked = HttpChunked,
            HalfClose = HalfClose,
            Operation = "S3 " + Operation + " (" + Payload + ")",
            Mutation = Mutations.Count == 0 ? "valid" : string.Join("; ", Mutations),
        };
        foreach (var mutate in AfterSigning)
        {
            request = mutate(request);
        }
        return request;
    }

    /// <summary>The aws-chunked encoding of <see cref="Body"/> in small chunks, broken as <see cref="Fault"/> says.</summary>
    private byte[] EncodeChunked(byte[] key, string timestamp, string scope, string seed)
    {
        var signed = Payload != PayloadMode.StreamingUnsignedTrailer;
        var trailer = Payload != PayloadMode.StreamingSigned;
        var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.ASCII.GetBytes(text));
        var previous = seed;
        var chunkSize = Math.Max(1, Body.Length / 3 + 1);
        var chunks = Enumerable.Range(0, (Body.Length + chunkSize - 1) / chunkSize).Select(i => Body.AsSpan(i * chunkSize, Math.Min(chunkSize, Body.Length - i * chunkSize)).ToArray()).ToList();
        var index = 0;
        foreach (var chunk in chunks.Append([]))
        {
            var last = chunk.Length == 0;
            if (last && Fault == ChunkFault.NoFinalChunk)
            {
                break;
            }
            var signature = S3Signing.Sign(key, S3Signing.ChunkStringToSign(timestamp, scope, previous, chunk));
            previous = signature;
            var first = index++ == 0;
            var size = chunk.Length.ToString("x", CultureInfo.InvariantCulture);
            if (first)
            {
                size = Fault switch
                {
                    ChunkFault.SizeNotHex => "zz",
                    ChunkFault.SizeHuge => "ffffffffffffffffff",
                    ChunkFault.NegativeSize => "-" + size,
                    ChunkFault.SizeLongerThanData => (chunk.Length + 5).ToString("x", CultureInfo.InvariantCulture),
                    ChunkFault.SizeShorterThanData when chunk.Length > 0 => (chunk.Length - 1).ToString("x", CultureInfo.InvariantCulture),
                    ChunkFault.LineTooLong => size + new string('0', 5000),
                    _ => size,
                };
            }
            var extension = !signed || first && Fault == ChunkFault.NoChunkSignature ? ""
                : ";chunk-signature=" + (first && Fault == ChunkFault.WrongChunkSignature ? new string('0', 64) : signature);
            Write(size + extension + "\r\n");
            output.Write(chunk);
            if (!last)
            {
                Write(first && Fault == ChunkFault.NoCrlfAfterData ? "" : "\r\n");
            }
        }
        if (Fault != ChunkFault.NoFinalChunk)
        {
            if (trailer)
            {
                var checksum = Convert.ToBase64String(SHA256.HashData(Fault == ChunkFault.WrongTrailerChecksum ? [.. Body, 1] : Body));
                var line = Fault == ChunkFault.MalformedTrailerLine ? "x-amz-checksum-sha256 " + checksum : "x-amz-checksum-sha256:" + checksum;
                Write(line + "\r\n");
                if (signed && Fault != ChunkFault.NoTrailerSignature)
                {
                    var trailerSignature = S3Signing.Sign(key, S3Signing.TrailerStringToSign(timestamp, scope, previous, "x-amz-checksum-sha256:" + checksum + "\n"));
                    Write("x-amz-trailer-signature:" + (Fault == ChunkFault.WrongTrailerSignature ? new string('1', 64) : trailerSignature) + "\r\n");
                }
            }
            Write("\r\n");
        }
        return output.ToArray();
    }
}
