using System.Globalization;
using System.Text;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// Mutations of a valid S3 request. Most change what a correctly signed request asks for (keys, ranges, conditional
/// and metadata headers, sub-resources, XML bodies, aws-chunked framing, whose credentials and bucket), so they reach
/// the operations behind the signature check; the rest break the signature itself after signing (header, presigned
/// query, clock, payload hash).
/// </summary>
public sealed class S3Mutator(S3FuzzWorld world, Random random)
{
    private static readonly string[] Keys =
    [
        "", "/", "//", "a//b", "..", "../x", "./x", "scoped/" + new string('k', 1024), "scoped/" + new string('k', 1025),
        "scoped/\u0000nul", "scoped/\u0001", "scoped/\u007f", "scoped/line\r\nbreak", "scoped/tab\there", "scoped/\ud800",
        "scoped/%", "scoped/%ZZ", "scoped/日本語", "scoped/emoji-😀", "scoped/ space ", "scoped/a+b", "scoped/?x=1", "scoped/#frag",
        "scoped/\\back", "scoped/<xml>&amp;", "outside/forbidden", "scoped/" + new string('d', 20_000),
    ];

    private static readonly string[] Ranges =
    [
        "bytes=0-0", "bytes=0-", "bytes=-1", "bytes=-0", "bytes=5-1", "bytes=999999999-", "bytes=abc", "bytes=", "bytes",
        "items=0-1", "bytes=0-1,3-4", "bytes=-", "bytes=1--2", "bytes=9223372036854775807-", "bytes=0-9223372036854775808",
        "bytes=-9223372036854775808", "bytes=18446744073709551616-", "BYTES=0-1", "bytes=0-1, 0-1",
    ];

    private static readonly string[] Junk =
    [
        "", " ", "0", "-1", "2147483648", "9223372036854775808", "1e309", "NaN", "true", "null", "%ZZ", "%00", "\u0001",
        "r\u00e9sum\u00e9", "\"quoted\"", "<x/>", "*", "W/\"etag\"", new string('x', 1024), new string('y', 9000),
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 9999 08:49:37 GMT", "not a date",
    ];

    public void Mutate(S3FuzzCase call)
    {
        var before = new List<Action<S3FuzzCase>>
        {
            Key, Key, Bucket, Range, Conditional, Metadata, Checksum, ContentHeaders, QueryParameter, QueryParameter, Method,
            Credentials, PayloadForm, Framing, CopySource,
        };
        if (call.Body.Length > 0 || call.Method is "POST" or "PUT")
        {
            before.AddRange([XmlBody, XmlBody, ChunkFault, ChunkFault]);
        }
        var after = new List<Action<S3FuzzCase>> { Authorization, Authorization, Clock, PayloadHash, Presigned };
        random.Pick(random.Next(4) == 0 ? after : before)(call);
    }

    private void Key(S3FuzzCase call)
    {
        var key = random.Pick(Keys);
        if (random.Next(4) == 0)
        {
            call.RawPath = "/" + (call.Bucket ?? world.HomeBucket) + "/" + key;
            call.Mutations.Add("raw path key " + Show(key));
            return;
        }
        call.Key = key.Length == 0 ? null : key;
        call.Bucket ??= world.HomeBucket;
        call.Mutations.Add("key " + Show(key));
    }

    private void Bucket(S3FuzzCase call)
    {
        var bucket = random.Pick(new[] { world.OtherBucket, "no-such-bucket", "UPPER", "a", "-x-", "s3fuzz-" + new string('b', 70), "b2-reserved", "xn--idn", "192.168.1.1", "%ZZ", "bucket.with.dots" });
        call.Bucket = bucket;
        call.RawPath = null;
        call.Mutations.Add("bucket " + bucket);
    }

    private void Range(S3FuzzCase call)
    {
        var range = random.Pick(Ranges);
        call.SetHeader("Range", range);
        if (random.Next(3) == 0)
        {
            call.SetQuery("partNumber", random.Pick(new[] { "1", "0", "-1", "10001", "x" }));
        }
        call.Mutations.Add("Range " + range);
    }

    private void Conditional(S3FuzzCase call)
    {
        var name = random.Pick(new[] { "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "x-amz-copy-source-if-match", "x-amz-copy-source-if-none-match", "x-amz-copy-source-if-modified-since", "x-amz-copy-source-if-unmodified-since" });
        var value = random.Pick(Junk);
        call.SetHeader(name, value);
        call.Mutations.Add($"{name}: {Show(value)}");
    }

    private void Metadata(S3FuzzCase call)
    {
        if (random.Next(4) == 0)
        {
            for (var i = 0; i < 40; i++)
            {
                call.SetHeader("x-amz-meta-k" + i.ToString(CultureInfo.InvariantCulture), new string('v', 300));
            }
            call.Mutations.Add("40 metadata headers of 300 bytes");
            return;
        }
        var name = "x-amz-meta-" + random.Pick(new[] { "color", "", "b2-content-disposition", "UPPER", "x_y", new string('m', 300), "large_file_sha1" });
        var value = random.Pick(Junk);
        call.SetHeader(name, value);
        call.Mutations.Add($"{name}: {Show(value)}");
    }

    private void Checksum(S3FuzzCase call)
    {
        var name = random.Pick(new[] { "x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1", "x-amz-checksum-sha256", "x-amz-checksum-md5", "x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm", "x-amz-trailer", "Content-MD5" });
        var value = random.Pick(new[] { "", "AAAAAA==", "not base64!", "CRC32", "SHA256", "x-amz-checksum-crc32", "x-amz-checksum-bogus", Convert.ToBase64String(new byte[33]), "1B2M2Y8AsgTpgAmY7PhCfg==" });
        call.SetHeader(name, value);
        call.Mutations.Add($"{name}: {Show(value)}");
    }

    private void ContentHeaders(S3FuzzCase call)
    {
        var name = random.Pick(new[] { "Content-Type", "Content-Disposition", "Content-Encoding", "Content-Language", "Cache-Control", "Expires", "x-amz-storage-class", "x-amz-website-redirect-location", "x-amz-tagging", "x-amz-acl", "x-amz-server-side-encryption", "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key", "x-amz-server-side-encryption-customer-key-MD5", "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold", "x-amz-bypass-governance-retention", "x-amz-expected-bucket-owner", "x-amz-request-payer", "Expect", "x-backblaze-live-read-enabled" });
        var value = random.Next(3) == 0 ? random.Pick(Junk) : random.Pick(new[] { "AES256", "aws:kms", "GOVERNANCE", "COMPLIANCE", "ON", "OFF", "2099-01-01T00:00:00Z", "public-read", "private", "STANDARD", "GLACIER", "attachment; filename=\"r\u00e9sum\u00e9.pdf\"", "100-continue", "true", Convert.ToBase64String(new byte[32]) });
        call.SetHeader(name, value);
        call.Mutations.Add($"{name}: {Show(value)}");
    }

    private void QueryParameter(S3FuzzCase call)
    {
        var name = random.Pick(new[]
        {
            "max-keys", "max-uploads", "max-parts", "prefix", "delimiter", "marker", "key-marker", "version-id-marker", "upload-id-marker",
            "continuation-token", "start-after", "encoding-type", "fetch-owner", "list-type", "versionId", "partNumber", "uploadId",
            "part-number-marker", "uploads", "delete", "versions", "acl", "tagging", "policy", "response-content-type",
            "response-content-disposition", "response-cache-control", "response-expires", "x-id", "X-Amz-Algorithm", "",
        });
        var value = random.Next(3) == 0 ? null : random.Pick(Junk.Concat(["1", "2", "3", "1000", "1001", "url", "xml", "scoped/", world.UploadId, world.UploadId[..^1] + "x"]).ToArray());
        call.Query.Add(new(name, value));
        call.Mutations.Add($"query {Show(name)}={Show(value ?? "(bare)")}");
    }

    private void Method(S3FuzzCase call)
    {
        call.Method = random.Pick(new[] { "GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS", "FOO" });
        call.Mutations.Add("method " + call.Method);
    }

    private void Credentials(S3FuzzCase call)
    {
        switch (random.Next(3))
        {
            case 0:
                call.Credentials = world.RestrictedKey;
                call.Mutations.Add("restricted key");
                break;
            case 1:
                call.Credentials = world.RestrictedKey;
                call.Bucket = world.OtherBucket;
                call.Key = call.Key is null ? null : "scoped/secret.txt";
                call.Mutations.Add("restricted key, other bucket");
                break;
            default:
                call.Credentials = (world.FullKey.KeyId, world.RestrictedKey.Secret);
                call.Mutations.Add("one key's id with another's secret");
                break;
        }
    }

    private void PayloadForm(S3FuzzCase call)
    {
        call.Payload = random.Pick(Enum.GetValues<PayloadMode>());
        call.Mutations.Add("payload " + call.Payload);
    }

    private void Framing(S3FuzzCase call)
    {
        switch (random.Next(3))
        {
            case 0:
                call.DeclaredLength = Math.Max(0, call.Body.Length - 1 - random.Next(Math.Max(1, call.Body.Length)));
                call.Mutations.Add("Content-Length shorter than the body");
                break;
            case 1:
                call.DeclaredLength = call.Body.Length + 1 + random.Next(1000);
                call.HalfClose = true;
                call.Mutations.Add("Content-Length longer than the body, then end of stream");
                break;
            default:
                call.HttpChunked = true;
                call.Mutations.Add("HTTP chunked body (no Content-Length)");
                break;
        }
    }

    private void CopySource(S3FuzzCase call)
    {
        var name = random.Next(4) == 0 ? "x-amz-copy-source-range" : "x-amz-copy-source";
        var value = name == "x-amz-copy-source-range"
            ? random.Pick(Ranges)
            : random.Pick(new[] { "", "/", "nobucket", $"/{world.OtherBucket}/scoped/secret.txt", $"{world.HomeBucket}/outside/four.txt", $"/{world.HomeBucket}/scoped/one.txt?versionId=junk", $"/{world.HomeBucket}/scoped/%ZZ", $"/{world.HomeBucket}/" + new string('c', 3000), $"/{world.HomeBucket}/scoped/one.txt?versionId=" });
        if (call.Key is null)
        {
            call.Key = "scoped/copy-target";
        }
        call.Method = "PUT";
        call.SetHeader(name, value);
        call.Mutations.Add($"{name}: {Show(value)}");
    }

    private void XmlBody(S3FuzzCase call)
    {
        var text = Encoding.UTF8.GetString(call.Body);
        var (body, what) = random.Next(14) switch
        {
            0 => (Encoding.UTF8.GetBytes(text[..random.Next(text.Length + 1)]), "truncated XML"),
            1 => ("not xml at all"u8.ToArray(), "not XML"),
            2 => ([], "empty body"),
            3 => (Encoding.UTF8.GetBytes("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><Delete><Object><Key>&lol3;</Key></Object></Delete>"), "entity expansion (DTD)"),
            4 => (Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CompleteMultipartUpload><Part><PartNumber>&e;</PartNumber></Part></CompleteMultipartUpload>"), "external entity"),
            5 => (Encoding.UTF8.GetBytes(new string('<', 1) + string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000))), "nested 5000 deep"),
            6 => (Encoding.UTF8.GetBytes("<CompleteMultipartUpload>" + string.Concat(Enumerable.Range(1, 10_001).Select(i => $"<Part><PartNumber>{i}</PartNumber><ETag>x</ETag></Part>")) + "</CompleteMultipartUpload>"), "10,001 parts"),
            7 => (Encoding.UTF8.GetBytes("<Delete>" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"<Object><Key>scoped/k{i}</Key></Object>")) + "</Delete>"), "1,001 keys to delete"),
            8 => (Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>{random.Pick(Junk)}</PartNumber><ETag>{world.PartETag}</ETag></Part><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>"), "junk and repeated part numbers"),
            9 => (Encoding.Unicode.GetBytes(text), "UTF-16 body"),
            10 => (Encoding.UTF8.GetBytes("<Delete><Object><Key></Key><VersionId>junk</VersionId></Object><Object/><Quiet>maybe</Quiet></Delete>"), "empty key, junk version id"),
            11 => (Encoding.UTF8.GetBytes("<Delete xmlns=\"urn:other\"><Object><Key>scoped/one.txt</Key></Object></Delete>"), "foreign namespace"),
            12 => (Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{world.PartETag}</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\"0\"</ETag></Part></CompleteMultipartUpload>"), "part never uploaded"),
            _ => ([0xEF, 0xBB, 0xBF, .. call.Body, 0xFF, 0xFE], "BOM and invalid UTF-8"),
        };
        call.Body = body;
        if (call.Headers.Any(h => h.Key == "Content-MD5") && random.Next(2) == 0)
        {
            call.SetHeader("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body)));
        }
        call.Mutations.Add(what);
    }

    private void ChunkFault(S3FuzzCase call)
    {
        if (call.Payload is not (PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer or PayloadMode.StreamingUnsignedTrailer))
        {
            call.Payload = random.Pick(new[] { PayloadMode.StreamingSigned, PayloadMode.StreamingSignedTrailer, PayloadMode.StreamingUnsignedTrailer });
        }
        call.Fault = random.Pick(Enum.GetValues<ChunkFault>());
        if (call.Fault is S3.ChunkFault.NoFinalChunk or S3.ChunkFault.SizeLongerThanData)
        {
            call.HalfClose = true;
        }
        call.Mutations.Add($"aws-chunked ({call.Payload}) {call.Fault}");
    }

    private void Authorization(S3FuzzCase call)
    {
        if (call.Payload == PayloadMode.Presigned)
        {
            call.Payload = PayloadMode.Signed;
        }
        var (what, change) = random.Next(12) switch
        {
            0 => ("no Authorization", (Func<string, string?>)(_ => null)),
            1 => ("signature flipped", a => a.Length == 0 ? a : a[..^1] + (a[^1] == '0' ? '1' : '0')),
            2 => ("signature not hex", a => a[..Math.Max(0, a.Length - 4)] + "zzzz"),
            3 => ("signature cut short", a => a[..Math.Max(0, a.Length - 10)]),
            4 => ("credential of 4 parts", a => a.Replace("/aws4_request", "", StringComparison.Ordinal)),
            5 => ("unknown key id", a => a.Replace(world.FullKey.KeyId, "000" + new string('f', 22), StringComparison.Ordinal).Replace(world.RestrictedKey.KeyId, "nokey", StringComparison.Ordinal)),
            6 => ("wrong service", a => a.Replace("/s3/", "/iam/", StringComparison.Ordinal)),
            7 => ("wrong region", a => a.Replace("/us-east-1/", "/eu-west-1/", StringComparison.Ordinal)),
            8 => ("SignedHeaders emptied", a => a.Replace("SignedHeaders=", "SignedHeaders=;", StringComparison.Ordinal)),
            9 => ("SigV2", _ => "AWS " + world.FullKey.KeyId + ":c2lnbmF0dXJl"),
            10 => ("algorithm only", _ => "AWS4-HMAC-SHA256 "),
            _ => ("fields missing", a => a.IndexOf(',', StringComparison.Ordinal) is var comma and >= 0 ? a[..comma] : a),
        };
        call.AfterSigning.Add(r =>
        {
            var auth = r.Header("Authorization");
            var headers = r.Headers.Where(h => h.Key != "Authorization").ToList();
            if (auth is not null && change(auth) is { } changed)
            {
                headers.Add(new("Authorization", changed));
            }
            return r.WithHeaders(headers);
        });
        call.Mutations.Add(what);
    }

    private void Clock(S3FuzzCase call)
    {
        var offsets = new[] { TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(-16), TimeSpan.FromDays(-8), TimeSpan.FromDays(3650), TimeSpan.FromMinutes(14) };
        call.Clock = random.Pick(offsets);
        call.Mutations.Add("clock " + call.Clock);
        if (random.Next(3) == 0)
        {
            var value = random.Pick(new[] { "", "20260101", "not a date", "99999999T999999Z", "Sun, 06 Nov 1994 08:49:37 GMT" });
            call.AfterSigning.Add(r => r.WithHeaders(r.Headers.Select(h => h.Key == "x-amz-date" ? new KeyValuePair<string, string>(h.Key, value) : h)));
            call.Mutations.Add($"x-amz-date replaced by {Show(value)} after signing");
        }
    }

    private void PayloadHash(S3FuzzCase call)
    {
        if (call.Payload == PayloadMode.Presigned)
        {
            call.Payload = PayloadMode.Signed;
        }
        if (random.Next(2) == 0)
        {
            call.AfterSigning.Add(r => r with { Body = [.. r.Body, (byte)'!'] });
            call.Mutations.Add("body changed after signing");
            return;
        }
        var value = random.Pick(new[] { "", "UNSIGNED", "STREAMING-AWS4-HMAC-SHA256-EVENTS", new string('g', 64), new string('a', 63) });
        call.AfterSigning.Add(r => r.WithHeaders(r.Headers.Select(h => h.Key == "x-amz-content-sha256" ? new KeyValuePair<string, string>(h.Key, value) : h)));
        call.Mutations.Add($"x-amz-content-sha256 {Show(value)} after signing");
    }

    private void Presigned(S3FuzzCase call)
    {
        call.Payload = PayloadMode.Presigned;
        if (random.Next(3) == 0)
        {
            call.PresignExpires = random.Pick(new long[] { 0, 1, 604_800, 604_801, long.MaxValue });
            call.Clock = random.Next(2) == 0 ? TimeSpan.FromSeconds(-30) : TimeSpan.Zero;
            call.Mutations.Add($"presigned, expires {call.PresignExpires}, clock {call.Clock}");
            return;
        }
        var name = random.Pick(new[] { "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature" });
        var value = random.Pick(new[] { "", "-1", "1e3", "AWS4-HMAC-SHA1", "host;x-amz-meta-absent", "nokey/20260101/us-east-1/s3/aws4_request", "20991231T000000Z", new string('0', 64), "%ZZ" });
        var mode = random.Next(3);
        call.AfterSigning.Add(r =>
        {
            var parts = r.Target.Split('?', 2);
            var pairs = parts.Length == 2 ? parts[1].Split('&').ToList() : [];
            var encoded = name + "=" + Uri.EscapeDataString(value);
            switch (mode)
            {
                case 0:
                    pairs.RemoveAll(p => p.StartsWith(name + "=", StringComparison.Ordinal));
                    break;
                case 1:
                    pairs.Add(encoded);
                    break;
                default:
                    pairs = pairs.Select(p => p.StartsWith(name + "=", StringComparison.Ordinal) ? encoded : p).ToList();
                    break;
            }
            return r with { Target = parts[0] + "?" + string.Join('&', pairs) };
        });
        call.Mutations.Add($"presigned {name} {(mode == 0 ? "removed" : mode == 1 ? "added again as" : "set to")} {Show(value)}");
    }

    private static string Show(string value) => value.Length > 60 ? value[..60] + $"… ({value.Length} chars)" : value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
