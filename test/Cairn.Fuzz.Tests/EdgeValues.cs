using System.Text.Json.Nodes;

namespace Cairn.Fuzz.Tests;

/// <summary>The grammar's terminals that break things: wrong types, nulls, extremes, encodings.</summary>
public static class EdgeValues
{
    public static readonly string[] Strings =
    [
        "", " ", "a", "null", "true", "0", "-1", "1e309", "9223372036854775808", "NaN",
        "résumé.pdf", "日本語/ファイル", "emoji-😀", "\u0000", "nul\u0000inside", "line\r\nbreak", "tab\there", "\u007f", "\u0001",
        "\ud800", "%00", "%ZZ", "%", "%C3", "%C3%A9", "../../etc/passwd", "a//b", "/", "trailing/",
        "<script>alert(1)</script>", "'; DROP TABLE files; --", "\"quoted\"", "\\back\\slash",
        new string('x', 1024), new string('y', 1025), new string('z', 5000), new string('w', 70_000),
    ];

    public static readonly string[] Numbers =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1e308", "1e309", "-0", "0.5", "1.0", "99999999999999999999999999999", "1E2",
    ];

    /// <summary>Any JSON value, of any type, for a property that expects something else.</summary>
    public static JsonNode? AnyJson(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(random.Next(2) == 0);
            case 2:
            case 3:
                return JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
            case 4:
            case 5:
            case 6:
                return JsonValue.Create(Strings[random.Next(Strings.Length)]);
            case 7:
                return new JsonArray(AnyScalar(random), AnyScalar(random));
            case 8:
                return new JsonObject { ["a"] = AnyScalar(random), [Strings[random.Next(12)]] = AnyScalar(random) };
            default:
                return random.Next(2) == 0 ? new JsonArray() : new JsonObject();
        }
    }

    public static JsonNode? AnyScalar(Random random) => random.Next(4) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
        _ => JsonValue.Create(Strings[random.Next(Strings.Length)]),
    };

    /// <summary>File names as they travel in X-Bz-File-Name or a /file/ path: percent-encoded, mostly.</summary>
    public static readonly string[] EncodedFileNames =
    [
        "", "%", "%Z", "%ZZ", "%C3", "%C3%28", "%FF%FE", "%00", "a%00b", "%01", "%7F", "%0D%0A", "scoped/%E6%97%A5%E6%9C%AC",
        "scoped/r%C3%A9sum%C3%A9.pdf", "scoped/", "scoped//x", "/scoped/x", "scoped/./x", "scoped/../x", ".", "..",
        "scoped/" + new string('n', 1017), "scoped/" + new string('n', 1018), "scoped/" + new string('m', 3000),
        "scoped/plus+sign", "scoped/space%20x", "scoped/x+y%2Bz", "scoped/%2F%2F", "scoped/%5C", "scoped/%3F%23",
    ];

    public static readonly string[] Ranges =
    [
        "bytes=0-0", "bytes=0-", "bytes=-1", "bytes=-0", "bytes=5-1", "bytes=999999999-", "bytes=0-999999999",
        "bytes=abc", "bytes=", "bytes", "items=0-1", "bytes=0-1,3-4", "bytes=-", "bytes=1--2", "bytes= 0 - 1",
        "bytes=9223372036854775807-", "bytes=0-9223372036854775808", "bytes=-9223372036854775808", "bytes=18446744073709551616-",
        "BYTES=0-1", "bytes=0-1, 0-1",
    ];

    public static readonly string[] Sha1s =
    [
        "", "do_not_verify", "hex_digits_at_end", "0000000000000000000000000000000000000000", "abc",
        "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "unverified:0000000000000000000000000000000000000000",
        new string('a', 41), "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
    ];

    public static readonly string[] Tokens =
    [
        "", "garbage", "Bearer x", "Basic Og==", "4_" + new string('0', 60), new string('t', 7000), "tøken", "null",
    ];

    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=latin1", ";;;", "b2/x-auto", "application/octet-stream", "", "application/json",
        "text/html; charset=utf-8", "x/" + new string('y', 300),
    ];

    public static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO"];

    public static readonly string[] Versions = ["v0", "v5", "v1", "v2", "v3", "v4", "V2", "v02", "vx", "v", "v99999999999"];

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
