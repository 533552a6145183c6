using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Cairn.Core.Errors;

namespace Cairn.Server.B2.Wire;

/// <summary>
/// The parameters of a B2 JSON call, from a POSTed JSON object or from the query string of a GET. Explicit JSON
/// <c>null</c> means absent. Wrong types are refused with <c>bad_json</c> (body) or <c>bad_request</c> (query).
/// </summary>
public sealed class B2Request
{
    /// <summary>JSON calls carry small bodies; anything larger is refused rather than buffered.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly JsonElement _body;
    private readonly IQueryCollection? _query;

    private B2Request(JsonElement body, IQueryCollection? query)
    {
        _body = body;
        _query = query;
    }

    /// <summary>The parameters in the query string only; any body is left unread.</summary>
    public static B2Request FromQuery(IQueryCollection query) => new(default, query);

    public static async Task<B2Request> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength == 0)
        {
            return new B2Request(default, request.Query);
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            throw Fail.BadRequest($"JSON request bodies are limited to {MaxBodyBytes} bytes");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ReadBodyAsync(request, chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw Fail.BadRequest($"JSON request bodies are limited to {MaxBodyBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 || IsBlank(buffer))
        {
            return new B2Request(default, request.Query);
        }
        // JSON text is UTF-8 (RFC 8259). The parser does not check the bytes inside strings, and reading such a
        // string later throws, so refuse invalid UTF-8 here as bad JSON.
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            throw Fail.BadJson("The request body is not valid UTF-8");
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Fail.BadJson("The request body must be a JSON object");
            }
            RequireValidStrings(document.RootElement);
            return new B2Request(document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            throw Fail.BadJson($"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Kestrel reports most malformed bodies as BadHttpRequestException, but a chunk size that overflows as a bare
    /// IOException; while the client is still there, both are the client's fault.
    /// </summary>
    private static async Task<int> ReadBodyAsync(HttpRequest request, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await request.Body.ReadAsync(chunk, cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException && !cancellationToken.IsCancellationRequested && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw Fail.BadRequest($"The request body is malformed: {e.Message}");
        }
    }

    public string? String(string name)
    {
        if (_query is not null)
        {
            return _query.TryGetValue(name, out var values) ? values.ToString() : null;
        }
        var element = Get(name);
        return element?.ValueKind switch
        {
            null => null,
            JsonValueKind.String => element.Value.GetString(),
            _ => throw Fail.BadJson($"{name} must be a string"),
        };
    }

    public string RequiredString(string name) => String(name) ?? throw Fail.Required(name);

    public long? Long(string name)
    {
        if (_query is not null)
        {
            var text = String(name);
            if (text is null)
            {
                return null;
            }
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Fail.BadRequest($"{name} must be an integer");
        }
        var element = Get(name);
        if (element is null)
        {
            return null;
        }
        return element.Value.ValueKind == JsonValueKind.Number && element.Value.TryGetInt64(out var value)
            ? value
            : throw Fail.BadJson($"{name} must be an integer");
    }

    public int? Int(string name)
    {
        var value = Long(name);
        return value is null ? null : value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : throw Fail.BadRequest($"{name} is out of range");
    }

    public bool? Bool(string name)
    {
        if (_query is not null)
        {
            return String(name) switch
            {
                null => null,
                "true" => true,
                "false" => false,
                _ => throw Fail.BadRequest($"{name} must be true or false"),
            };
        }
        var element = Get(name);
        return element?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail.BadJson($"{name} must be a boolean"),
        };
    }

    /// <summary>An array of strings; in a query string either a JSON array literal or a comma-separated list.</summary>
    public IReadOnlyList<string>? StringArray(string name)
    {
        var element = Raw(name);
        if (element is null)
        {
            if (_query is not null && String(name) is { } text)
            {
                return text.Length == 0 ? [] : text.Split(',', StringSplitOptions.TrimEntries);
            }
            return null;
        }
        if (element.Value.ValueKind != JsonValueKind.Array)
        {
            throw Fail.BadJson($"{name} must be an array of strings");
        }
        var list = new List<string>();
        foreach (var item in element.Value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Fail.BadJson($"{name} must be an array of strings"));
        }
        return list;
    }

    /// <summary>An object whose values are all strings.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? StringMap(string name)
    {
        var element = Raw(name);
        if (element is null)
        {
            return null;
        }
        if (element.Value.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson($"{name} must be an object");
        }
        var list = new List<KeyValuePair<string, string>>();
        foreach (var property in element.Value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw Fail.BadJson($"{name}.{property.Name} must be a string");
            }
            list.Add(new(property.Name, property.Value.GetString()!));
        }
        return list;
    }

    /// <summary>
    /// A JSON value as sent; in a query string, the parameter parsed as JSON when it looks like an array or object.
    /// Null when absent or JSON null.
    /// </summary>
    public JsonElement? Raw(string name)
    {
        if (_query is null)
        {
            return Get(name);
        }
        var text = String(name);
        if (text is null || text.Length == 0 || (text[0] != '[' && text[0] != '{'))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            RequireValidStrings(document.RootElement);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Fail.BadRequest($"{name} is not valid JSON");
        }
    }

    private JsonElement? Get(string name) =>
        _body.ValueKind == JsonValueKind.Object && _body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>
    /// Refuses strings and property names that cannot become .NET strings (escaped lone surrogates such as
    /// <c>"\uD800"</c>): the parser accepts them, but reading them later would throw.
    /// </summary>
    private static void RequireValidStrings(JsonElement element)
    {
        try
        {
            Visit(element);
        }
        catch (InvalidOperationException)
        {
            throw Fail.BadJson("The request body has a string that is not valid Unicode");
        }

        static void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Visit(property.Value);
                    }
                    break;
            }
        }
    }

    private static bool IsBlank(MemoryStream buffer)
    {
        foreach (var b in buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }
}
