using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cairn.Server.OpenApi;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// Grammar-based mutations of a valid <see cref="FuzzCase"/>: each operator changes one part (a parameter's type or
/// value, a header, the method, the version, the body's framing or labelling, whose ids and token it carries) and
/// records what it did, so a failure names its cause.
/// </summary>
public sealed class Mutator(FuzzWorld world, Random random)
{
    private static readonly string[] IdParameters = ["bucketId", "destinationBucketId", "fileId", "sourceFileId", "largeFileId", "bucketName", "accountId", "applicationKeyId"];

    public void Mutate(FuzzCase call)
    {
        var operators = new List<Action<FuzzCase>> { Method, Version, Authorization, Header, ContentType, Framing, Path, QueryJunk, ForeignTenant };
        if (call.Json is not null)
        {
            operators.AddRange([JsonParameter, JsonParameter, JsonParameter, JsonNested, JsonRemove, JsonUnknown, JsonBody]);
        }
        if (call.Operation.Kind == OperationKind.Upload)
        {
            operators.AddRange([UploadHeader, UploadHeader, UploadHeader, FileName, FileInfo]);
        }
        if (call.Operation.Kind == OperationKind.Download)
        {
            operators.AddRange([Range, Range, DownloadOverride, FileNameInPath]);
        }
        if (call.Operation.Kind == OperationKind.Authorize)
        {
            operators.AddRange([BasicCredentials, BasicCredentials]);
        }
        random.Pick(operators)(call);
    }

    private void Method(FuzzCase call)
    {
        call.Method = random.Pick(EdgeValues.Methods);
        call.Mutations.Add("method " + call.Method);
    }

    private void Version(FuzzCase call)
    {
        if (!call.Path.StartsWith("/b2api/", StringComparison.Ordinal))
        {
            Method(call);
            return;
        }
        var version = random.Pick(EdgeValues.Versions);
        var slash = call.Path.IndexOf('/', "/b2api/".Length);
        call.Path = "/b2api/" + version + call.Path[slash..];
        call.Mutations.Add("version " + version);
    }

    private void Authorization(FuzzCase call)
    {
        switch (random.Next(6))
        {
            case 0:
                call.Headers.RemoveAll(h => h.Key == "Authorization");
                call.Mutations.Add("no Authorization");
                break;
            case 1:
                call.Headers.Add(new("Authorization", random.Pick(EdgeValues.Tokens)));
                call.Mutations.Add("Authorization twice");
                break;
            case 2:
                call.SetHeader("Authorization", world.RestrictedToken);
                call.Mutations.Add("restricted key's token");
                break;
            case 3:
                call.SetHeader("Authorization", random.Next(2) == 0 ? world.UploadUrl.Token : world.DownloadToken);
                call.Mutations.Add("token of the wrong kind");
                break;
            default:
                call.SetHeader("Authorization", random.Pick(EdgeValues.Tokens));
                call.Mutations.Add("bad token");
                break;
        }
    }

    private void Header(FuzzCase call)
    {
        if (call.Headers.Count > 0 && random.Next(2) == 0)
        {
            var header = random.Pick(call.Headers);
            if (random.Next(2) == 0)
            {
                call.Headers.Add(new(header.Key, random.Next(2) == 0 ? header.Value : random.Pick(EdgeValues.Strings)));
                call.Mutations.Add("duplicated " + header.Key);
            }
            else
            {
                call.Headers.Remove(header);
                call.Mutations.Add("removed " + header.Key);
            }
            return;
        }
        var names = new[] { "X-Bz-Test-Mode", "If-None-Match", "If-Modified-Since", "Expect", "Accept-Encoding", "Origin", "X-Forwarded-For", "Cookie" };
        var name = random.Pick(names);
        var value = name == "Expect" ? "100-continue" : random.Pick(EdgeValues.Strings);
        if (name == "X-Bz-Test-Mode")
        {
            value = "garbage"; // the documented 503 test modes are not sent
        }
        call.Headers.Add(new(name, value));
        call.Mutations.Add("extra header " + name);
    }

    private void ContentType(FuzzCase call)
    {
        var value = random.Pick(EdgeValues.ContentTypes);
        call.SetHeader("Content-Type", value);
        call.Mutations.Add("Content-Type " + value);
    }

    private void Framing(FuzzCase call)
    {
        var body = call.RawBody ?? (call.Json is null ? [] : Encoding.UTF8.GetBytes(call.Json.ToJsonString()));
        if (call.Json is not null && call.Method is "GET" or "HEAD")
        {
            call.Method = "POST";
        }
        call.RawBody = body;
        switch (random.Next(4))
        {
            case 0:
                call.DeclaredLength = Math.Max(0, body.Length - 1 - random.Next(Math.Max(1, body.Length)));
                call.Mutations.Add("Content-Length shorter than the body");
                break;
            case 1:
                call.DeclaredLength = body.Length + 1 + random.Next(1000);
                call.HalfClose = true;
                call.Mutations.Add("Content-Length longer than the body, then end of stream");
                break;
            case 2:
                call.Chunked = true;
                call.Mutations.Add("chunked body");
                break;
            default:
                call.Chunked = true;
                call.RawChunkedBody = random.Next(3) switch
                {
                    0 => "ffffffffffffffffff\r\n" + Encoding.UTF8.GetString(body) + "\r\n0\r\n\r\n",
                    1 => "zz\r\nab\r\n0\r\n\r\n",
                    _ => "5\r\nab",
                };
                call.HalfClose = true;
                call.Mutations.Add("malformed chunked body");
                break;
        }
    }

    private void Path(FuzzCase call)
    {
        var (path, what) = random.Next(6) switch
        {
            0 => (call.Path + "/", "trailing slash"),
            1 => (call.Path.Replace("/b2api/", "/b2api//", StringComparison.Ordinal), "double slash"),
            2 => (call.Path + "/extra/" + new string('s', 3000), "long extra segments"),
            3 => (call.Path + "%2Fx", "encoded slash"),
            4 => (call.Path + new string('p', 9000), "request target over 8 KiB"),
            _ => (call.Path + "%00", "%00 in the path"),
        };
        call.Path = path;
        call.Mutations.Add(what);
    }

    private void QueryJunk(FuzzCase call)
    {
        var junk = random.Next(5) switch
        {
            0 => new KeyValuePair<string, string>("fileId", ""),
            1 => new("x", "%ZZ"),
            2 => new("bucketId", world.OtherBucketId),
            3 => new("maxFileCount", "-1"),
            _ => new(random.Pick(EdgeValues.Strings.Take(12).ToArray()), "%E6%97%A5"),
        };
        call.Query.Add(junk);
        call.Mutations.Add($"query {junk.Key}={junk.Value}");
    }

    private void ForeignTenant(FuzzCase call)
    {
        // Ids the restricted key may not touch, sent with its token (and sometimes with the master's).
        if (random.Next(3) != 0)
        {
            call.SetHeader("Authorization", world.RestrictedToken);
        }
        var (id, name, bucketName) = random.Pick(world.ForeignFiles);
        if (call.Json is not null)
        {
            foreach (var parameter in IdParameters.Where(p => call.Json.ContainsKey(p)))
            {
                call.Json[parameter] = parameter switch
                {
                    "bucketId" or "destinationBucketId" => world.OtherBucketId,
                    "bucketName" => world.OtherBucketName,
                    "fileId" or "sourceFileId" or "largeFileId" => id,
                    _ => call.Json[parameter]?.DeepClone(),
                };
            }
            if (call.Json.ContainsKey("fileName"))
            {
                call.Json["fileName"] = name;
            }
        }
        else if (call.Path.StartsWith("/file/", StringComparison.Ordinal))
        {
            call.Path = $"/file/{bucketName}/{name}";
        }
        else if (call.Operation.Kind == OperationKind.Upload)
        {
            call.SetHeader("X-Bz-File-Name", random.Next(2) == 0 ? "outside/x.txt" : "scoped/x.txt");
        }
        call.Mutations.Add("other tenant's ids, restricted token");
    }

    private void JsonParameter(FuzzCase call)
    {
        var json = call.Json!;
        var names = call.Operation.Parameters.Select(p => p.Name).ToList();
        if (names.Count == 0)
        {
            JsonUnknown(call);
            return;
        }
        var name = random.Pick(names);
        json[name] = EdgeValues.AnyJson(random);
        call.Mutations.Add($"{name} = {Show(json[name])}");
    }

    private void JsonNested(FuzzCase call)
    {
        var json = call.Json!;
        var containers = json.Where(p => p.Value is JsonObject or JsonArray).Select(p => p.Key).ToList();
        if (containers.Count == 0)
        {
            JsonParameter(call);
            return;
        }
        var name = random.Pick(containers);
        switch (json[name])
        {
            case JsonObject inner:
                var keys = inner.Select(p => p.Key).Append(random.Pick(new[] { "mode", "period", "duration", "unit", "retainUntilTimestamp", "algorithm", "customerKey", "b2-content-disposition", "b2-expires" })).ToList();
                var key = random.Pick(keys);
                inner[key] = EdgeValues.AnyJson(random);
                call.Mutations.Add($"{name}.{key} = {Show(inner[key])}");
                break;
            case JsonArray array:
                array.Add(EdgeValues.AnyJson(random));
                call.Mutations.Add($"{name}[] += {Show(array[^1])}");
                break;
        }
    }

    private void JsonRemove(FuzzCase call)
    {
        var json = call.Json!;
        if (json.Count == 0)
        {
            JsonUnknown(call);
            return;
        }
        var name = random.Pick(json.Select(p => p.Key).ToList());
        json.Remove(name);
        call.Mutations.Add("without " + name);
    }

    private void JsonUnknown(FuzzCase call)
    {
        var name = random.Pick(new[] { "unknownField", "__proto__", "", "fileId", "bucketId", new string('k', 2000), "ключ" });
        call.Json![name] = EdgeValues.AnyJson(random);
        call.Mutations.Add($"added {Show(name)} = {Show(call.Json[name])}");
    }

    private void JsonBody(FuzzCase call)
    {
        var text = call.Json!.ToJsonString();
        if (call.Method is not "POST")
        {
            call.Method = "POST";
        }
        var (body, what) = random.Next(9) switch
        {
            0 => (Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]), "truncated JSON"),
            1 => ("not json at all"u8.ToArray(), "not JSON"),
            2 => (Array.Empty<byte>(), "empty body"),
            3 => ("null"u8.ToArray(), "JSON null"),
            4 => (Encoding.UTF8.GetBytes("[" + text + "]"), "JSON array"),
            5 => (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "nested 5000 deep"),
            6 => (Encoding.UTF8.GetBytes(text.TrimEnd('}') + (text.Length > 2 ? "," : "") + text.TrimStart('{')), "duplicated keys"),
            7 => (Encoding.Unicode.GetBytes(text), "UTF-16 body"),
            _ => ([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text), 0xFF, 0xFE], "BOM and invalid UTF-8"),
        };
        call.RawBody = body;
        call.Mutations.Add(what);
    }

    private void UploadHeader(FuzzCase call)
    {
        var (name, value) = random.Next(9) switch
        {
            0 => ("X-Bz-Content-Sha1", random.Pick(EdgeValues.Sha1s)),
            1 => ("X-Bz-Part-Number", random.Pick(EdgeValues.Numbers.Concat(["", "x", "10001", "0"]).ToArray())),
            2 => ("X-Bz-Custom-Upload-Timestamp", random.Pick(EdgeValues.Numbers.Concat(["abc", ""]).ToArray())),
            3 => ("X-Bz-File-Retention-Mode", random.Pick(new[] { "governance", "compliance", "none", "", "GOVERNANCE", "x" })),
            4 => ("X-Bz-File-Retention-Retain-Until-Timestamp", random.Pick(EdgeValues.Numbers.Concat(["abc", ""]).ToArray())),
            5 => ("X-Bz-File-Legal-Hold", random.Pick(new[] { "on", "off", "maybe", "" })),
            6 => ("X-Bz-Server-Side-Encryption", random.Pick(new[] { "AES256", "aes256", "", "AES128" })),
            7 => ("X-Bz-Server-Side-Encryption-Customer-Key", random.Pick(new[] { "", "not base64!", Convert.ToBase64String(new byte[31]), Convert.ToBase64String(new byte[32]) })),
            _ => ("X-Bz-Server-Side-Encryption-Customer-Algorithm", random.Pick(new[] { "AES256", "", "DES" })),
        };
        call.SetHeader(name, value);
        if (name == "X-Bz-Content-Sha1" && value == "hex_digits_at_end" && call.RawBody is { } body && random.Next(2) == 0)
        {
            call.RawBody = [.. body, .. Encoding.ASCII.GetBytes(Cairn.Testing.B2Session.Sha1Hex(body))];
        }
        call.Mutations.Add($"{name}: {value}");
    }

    private void FileName(FuzzCase call)
    {
        var name = random.Pick(EdgeValues.EncodedFileNames);
        if (random.Next(4) == 0)
        {
            name = random.Pick(EdgeValues.Strings); // raw, not percent-encoded
        }
        call.SetHeader("X-Bz-File-Name", name);
        call.Mutations.Add("X-Bz-File-Name " + Show(name));
    }

    private void FileInfo(FuzzCase call)
    {
        var key = random.Pick(new[] { "color", "b2-content-disposition", "b2-content-language", "b2-expires", "b2-cache-control", "b2-content-encoding", "b2-unknown", "bad name!", "", new string('i', 60), "large_file_sha1" });
        var value = random.Next(3) == 0 ? random.Pick(EdgeValues.EncodedFileNames) : Uri.EscapeDataString(random.Pick(EdgeValues.Strings));
        if (random.Next(5) == 0)
        {
            for (var i = 0; i < 12; i++)
            {
                call.SetHeader("X-Bz-Info-k" + i.ToString(CultureInfo.InvariantCulture), "v");
            }
            call.Mutations.Add("12 file info headers");
            return;
        }
        call.SetHeader("X-Bz-Info-" + key, value);
        call.Mutations.Add($"X-Bz-Info-{key}: {Show(value)}");
    }

    private void Range(FuzzCase call)
    {
        var range = random.Pick(EdgeValues.Ranges);
        call.SetHeader("Range", range);
        call.Mutations.Add("Range " + range);
    }

    private void DownloadOverride(FuzzCase call)
    {
        var name = random.Pick(new[] { "b2ContentDisposition", "b2ContentLanguage", "b2Expires", "b2CacheControl", "b2ContentEncoding", "b2ContentType", "Authorization" });
        var value = random.Next(2) == 0 ? Uri.EscapeDataString(random.Pick(EdgeValues.Strings)) : random.Pick(EdgeValues.EncodedFileNames);
        if (name == "Authorization" && random.Next(2) == 0)
        {
            value = world.DownloadToken;
            call.Headers.RemoveAll(h => h.Key == "Authorization");
        }
        call.Query.Add(new(name, value));
        call.Mutations.Add($"query {name}={Show(value)}");
    }

    private void FileNameInPath(FuzzCase call)
    {
        if (!call.Path.StartsWith("/file/", StringComparison.Ordinal))
        {
            Range(call);
            return;
        }
        var name = random.Pick(EdgeValues.EncodedFileNames);
        call.Path = $"/file/{(random.Next(4) == 0 ? random.Pick(new[] { "no-such-bucket", "%00", "A", new string('b', 70) }) : world.HomeBucketName)}/{name}";
        call.Mutations.Add("download path " + Show(call.Path));
    }

    private void BasicCredentials(FuzzCase call)
    {
        var value = random.Next(6) switch
        {
            0 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("nocolon")),
            1 => "Basic !!!notbase64",
            2 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":")),
            3 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Cairn.Testing.CairnServer.MasterKeyId + ":wrong")),
            4 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ключ:" + new string('k', 3000))),
            _ => "Basic " + Convert.ToBase64String(new byte[] { 0xff, 0xfe, 0x3a, 0x00 }),
        };
        call.SetHeader("Authorization", value);
        call.Mutations.Add("credentials " + Show(value));
    }

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..80] + $"…({text.Length} chars)" : text;
    }

    private static string Show(string value) => value.Length > 80 ? value[..80] + $"…({value.Length} chars)" : value;
}
