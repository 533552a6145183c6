using System.Text;

namespace Cairn.Server.Tests.B2.Auth;

/// <summary>Renders <see cref="AuthorizationMatrix.Rules"/> as docs/authorization.md.</summary>
public static class AuthorizationDoc
{
    public const string RelativePath = "docs/authorization.md";

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("""
            # Authorization: who may do what

            <!-- Generated from test/Cairn.Server.Tests/B2/Auth/AuthorizationMatrix.cs; do not edit by hand.
                 Regenerate with: CAIRN_UPDATE_DOCS=1 dotnet test test/Cairn.Server.Tests --filter AuthorizationDoc -->

            Every B2 call is made with an application key's token. A key has a set of **capabilities** and may be
            **restricted** to one bucket (several through `b2api/v4`) and to file names starting with a **name prefix**.
            The object service (`Cairn.Core`) checks both on every call, for every protocol.

            A call the key is not allowed to make is refused with **401 `unauthorized`**; B2 does the same (never 403).
            The authorization matrix test (`AuthorizationMatrixTests`) runs this very table: for each row, keys with only
            the capability and keys with every other capability, each unrestricted, restricted to the bucket or to
            another bucket, and to a matching prefix, another prefix or none, through API versions v1–v4.

            | endpoint | capability | bucket restriction | name-prefix restriction | notes |
            |---|---|---|---|---|

            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var rule in AuthorizationMatrix.Rules)
        {
            var capability = rule.Grants.Count == 0 ? "none" : string.Join(" or ", rule.Grants.Select(g => $"`{g}`"));
            if (rule.AlsoRequires is { Count: > 0 } also)
            {
                capability += " and " + string.Join(" and ", also.Select(a => $"`{a}`"));
            }
            var (bucket, prefix) = rule.Scope switch
            {
                ScopeRule.Account => ("not refused", "not refused"),
                ScopeRule.UnrestrictedKeysOnly => ("refused for any restricted key", "—"),
                ScopeRule.Bucket => ("must include the bucket", "—"),
                ScopeRule.BucketAndName => ("must include the bucket", "name must start with it"),
                _ => throw new InvalidOperationException(),
            };
            text.Append($"| `{rule.Endpoint}` | {capability} | {bucket} | {prefix} | {rule.Notes} |\n");
        }
        text.Append("""

            Further rules, each covered by its own tests:

            * A restricted key may create, list and delete only keys whose buckets and prefix lie inside its own
              (`writeKeys` otherwise grants everything, as on B2: it can make a key with any capability).
            * `b2_list_buckets` needs `listBuckets`. A bucket-restricted key must name its bucket with `bucketId` or
              `bucketName`; under v1 the list is filtered to its bucket instead. `listAllBucketNames` lets such a key
              list every bucket.
            * Listing and download-authorization prefixes must start with the key's prefix ("at least as restrictive").
            * Downloads from `allPublic` buckets need no token. A download authorization token
              (`b2_get_download_authorization`) opens `/file/BUCKET/NAME` for names under its prefix in its bucket until
              it expires, and only with the `b2Content*` values it was created with; never downloads by id.
            * Tokens carry the key's id, not its rights: every use looks the key up again, so a deleted key's tokens are
              refused at once (401 `bad_auth_token`) and an expired key's with 401 `expired_auth_token`.
            * The MCP endpoint (`/mcp`) takes an agent token from `b2_create_agent_token`: it stands for the key that
              minted it, so every tool call is checked by the same object service with the same capabilities and scope.
              The tool list leaves out tools the key's capabilities do not allow; that hides, it never grants.

            """.Replace("\r", "", StringComparison.Ordinal));
        return text.ToString();
    }
}
