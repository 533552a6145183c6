using Cairn.Core.Keys;

namespace Cairn.B2.Keys;

/// <summary>b2_delete_key: removes a key and answers with it; the tokens it issued stop working at once.</summary>
public static class DeleteKey
{
    public static async Task HandleAsync(HttpContext http)
    {
        var call = await B2Call.ReadAsync(http);
        var principal = await call.AuthenticateAsync();
        var deleted = await call.Service<KeyService>().DeleteAsync(principal, call.Request.RequiredString("applicationKeyId"), KeyWriter.ShapeOf(call), call.Aborted);
        await KeyWriter.WriteAsync(call, deleted, null);
    }
}
