using System.Text;
using System.Text.Json.Nodes;
using Cairn.Server.OpenApi;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// A request still in the grammar's terms (operation, version, JSON parameters, headers, raw body) so mutations can
/// work on its parts; <see cref="Render"/> turns it into the bytes <see cref="RawHttp"/> sends.
/// </summary>
public sealed class FuzzCase
{
    public required B2Operation Operation { get; init; }

    public required string Method { get; set; }

    /// <summary>The path, with the API version in place.</summary>
    public required string Path { get; set; }

    public List<KeyValuePair<string, string>> Query { get; } = [];

    /// <summary>A JSON call's parameters; sent as the body for POST and as the query for GET.</summary>
    public JsonObject? Json { get; set; }

    /// <summary>Replaces the rendered JSON body when set (truncated, not JSON, mis-encoded).</summary>
    public byte[]? RawBody { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public long? DeclaredLength { get; set; }

    public bool Chunked { get; set; }

    public string? RawChunkedBody { get; set; }

    public bool HalfClose { get; set; }

    public List<string> Mutations { get; } = [];

    public void SetHeader(string name, string value)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        Headers.Add(new(name, value));
    }

    public RawRequest Render()
    {
        var query = new List<KeyValuePair<string, string>>(Query);
        var body = RawBody ?? [];
        if (RawBody is null && Json is not null)
        {
            if (Method is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                body = Encoding.UTF8.GetBytes(Json.ToJsonString());
            }
            else
            {
                foreach (var (name, value) in Json)
                {
                    var text = value is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
                    query.Add(new(Uri.EscapeDataString(name), Uri.EscapeDataString(text)));
                }
            }
        }
        var target = Path + (query.Count == 0 ? "" : "?" + string.Join('&', query.Select(q => q.Key + "=" + q.Value)));
        return new RawRequest(Method, target, [.. Headers], body)
        {
            DeclaredLength = DeclaredLength,
            Chunked = Chunked,
            RawChunkedBody = RawChunkedBody,
            HalfClose = HalfClose,
            Operation = Operation.Name + (Operation.Kind == OperationKind.Preflight ? " (preflight)" : ""),
            Mutation = Mutations.Count == 0 ? "valid" : string.Join("; ", Mutations),
        };
    }
}
