using System.Globalization;
using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Core.FileLock;
using Cairn.Core.Files;
using Cairn.Server.B2.Wire;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.B2.FileLock;

/// <summary>Object Lock settings as B2 sends them: JSON (<c>fileRetention</c>, <c>legalHold</c>) or upload headers.</summary>
public static class LockParser
{
    public const string RetentionModeHeader = "X-Bz-File-Retention-Mode";
    public const string RetainUntilHeader = "X-Bz-File-Retention-Retain-Until-Timestamp";
    public const string LegalHoldHeader = "X-Bz-File-Legal-Hold";

    /// <summary><c>fileRetention</c> <c>{mode, retainUntilTimestamp}</c>; a null mode means no retention.</summary>
    public static FileRetention? Retention(B2Request request, string name = "fileRetention")
    {
        if (request.Raw(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail.BadJson($"{name} must be an object");
        }
        var mode = value.TryGetProperty("mode", out var m) ? m.ValueKind switch
        {
            JsonValueKind.String => m.GetString(),
            JsonValueKind.Null => null,
            _ => throw Fail.BadJson($"{name}.mode must be a string or null"),
        } : null;
        if (mode is null)
        {
            return null;
        }
        if (!value.TryGetProperty("retainUntilTimestamp", out var until) || until.ValueKind == JsonValueKind.Null)
        {
            throw Fail.BadRequest($"{name}.retainUntilTimestamp is required with a mode");
        }
        // TryGetInt64 throws on anything but a number, so the kind is checked first.
        if (until.ValueKind != JsonValueKind.Number || !until.TryGetInt64(out var timestamp))
        {
            throw Fail.BadJson($"{name}.retainUntilTimestamp must be an integer (milliseconds)");
        }
        return new FileRetention(mode, timestamp);
    }

    public static LockRequest FromJson(B2Request request) => new(Retention(request), request.String("legalHold"));

    public static LockRequest FromHeaders(IHeaderDictionary headers)
    {
        FileRetention? retention = null;
        var mode = headers[RetentionModeHeader];
        var until = headers[RetainUntilHeader];
        if (!StringValues.IsNullOrEmpty(mode) || !StringValues.IsNullOrEmpty(until))
        {
            if (StringValues.IsNullOrEmpty(mode) || !long.TryParse(until.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            {
                throw Fail.BadRequest($"{RetentionModeHeader} and {RetainUntilHeader} go together");
            }
            retention = new FileRetention(mode.ToString(), timestamp);
        }
        var hold = headers[LegalHoldHeader];
        return new LockRequest(retention, StringValues.IsNullOrEmpty(hold) ? null : hold.ToString());
    }
}
