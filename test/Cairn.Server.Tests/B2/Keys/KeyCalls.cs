using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Keys;

/// <summary>Wire helpers for the key tests: create a key in any version's shape and authorize with it.</summary>
internal static class KeyCalls
{
    /// <summary>b2_create_key through <paramref name="version"/>; v4 sends bucketIds, v1–v3 bucketId.</summary>
    public static Task<JsonElement> CreateAsync(B2Session session, IReadOnlyList<string> capabilities, IReadOnlyList<string>? bucketIds = null,
        string? namePrefix = null, long? validDurationInSeconds = null, string keyName = "test-key", int version = 4) =>
        session.CallAsync("b2_create_key", Body(session.AccountId, capabilities, bucketIds, namePrefix, validDurationInSeconds, keyName, version), version);

    public static Dictionary<string, object?> Body(string accountId, IReadOnlyList<string> capabilities, IReadOnlyList<string>? bucketIds,
        string? namePrefix, long? validDurationInSeconds, string keyName, int version)
    {
        var body = new Dictionary<string, object?>
        {
            ["accountId"] = accountId,
            ["capabilities"] = capabilities,
            ["keyName"] = keyName,
            ["namePrefix"] = namePrefix,
            ["validDurationInSeconds"] = validDurationInSeconds,
        };
        if (version >= 4)
        {
            body["bucketIds"] = bucketIds;
        }
        else
        {
            body["bucketId"] = bucketIds is null ? null : bucketIds.Single();
        }
        return body;
    }

    /// <summary>Creates a key as <paramref name="session"/> and authorizes with it through <paramref name="authorizeVersion"/>.</summary>
    public static async Task<B2Session> SessionForNewKeyAsync(CairnServer server, B2Session session, IReadOnlyList<string> capabilities,
        IReadOnlyList<string>? bucketIds = null, string? namePrefix = null, int authorizeVersion = 4)
    {
        var key = await CreateAsync(session, capabilities, bucketIds, namePrefix);
        return await B2Session.AuthorizeAsync(server, authorizeVersion, Id(key), Secret(key));
    }

    public static string Id(JsonElement key) => key.GetProperty("applicationKeyId").GetString()!;

    public static string Secret(JsonElement key) => key.GetProperty("applicationKey").GetString()!;

    public static async Task<B2CallException> FailsAsync(Func<Task> call) => await Assert.ThrowsAsync<B2CallException>(call);

    public static string UniqueBucketName() => "keys-" + Guid.NewGuid().ToString("N")[..20];
}
