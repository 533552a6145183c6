using Cairn.Core.Errors;
using Cairn.Core.Keys;

namespace Cairn.B2.Keys;

/// <summary>b2_create_key: the new key with its secret, shown this once. v1–v3 take <c>bucketId</c>, v4 <c>bucketIds</c>.</summary>
public static class CreateKey
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        IReadOnlyList<string>? bucketIds;
        if (call.Version >= 4)
        {
            var many = request.StringArray("bucketIds");
            var one = request.String("bucketId");
            if (many is not null && one is not null)
            {
                throw Fail.BadRequest("send bucketIds or bucketId, not both");
            }
            bucketIds = many ?? (one is null ? null : [one]);
        }
        else
        {
            bucketIds = request.String("bucketId") is { } one ? [one] : null;
        }
        var newKey = new NewKey(
            request.RequiredString("keyName"),
            request.StringArray("capabilities") ?? throw Fail.Required("capabilities"),
            request.Long("validDurationInSeconds"),
            bucketIds,
            request.String("namePrefix"));
        var created = await call.Service<KeyService>().CreateAsync(principal, request.RequiredString("accountId"), newKey, KeyWriter.ShapeOf(call), call.Aborted);
        await KeyWriter.WriteAsync(call, created.Key, created.Secret);
    }
}
