using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.Keys;

/// <summary>b2_list_keys: the account's keys (never the master key, never a secret), ordered by id, paged.</summary>
public static class ListKeys
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var request = call.Request;
        var page = await call.Service<KeyService>().ListAsync(principal, request.RequiredString("accountId"), request.Int("maxKeyCount"),
            request.String("startApplicationKeyId"), KeyWriter.ShapeOf(call), call.Aborted);
        if (call.Version >= 4)
        {
            await call.WriteAsync(new ListKeysV4Response(page.Keys.Select(k => KeyWriter.ToV4(k, null)).ToList(), page.NextApplicationKeyId),
                B2JsonContext.Default.ListKeysV4Response);
            return;
        }
        await call.WriteAsync(new ListKeysV1Response(page.Keys.Select(k => KeyWriter.ToV1(k, null)).ToList(), page.NextApplicationKeyId),
            B2JsonContext.Default.ListKeysV1Response);
    }
}
