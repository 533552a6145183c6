using System.Text.Json.Nodes;
using Cairn.B2.Accounts;
using Cairn.B2.Agents;
using Cairn.B2.Keys;
using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.OpenApi;

public static partial class B2Operations
{
    private static IEnumerable<B2Operation> AccountOperations =>
    [
        new("b2_authorize_account", Route("b2_authorize_account"), Accounts,
            "Sign in with an application key and get an authorization token",
            """
            Log in: exchange an application key id and secret (HTTP Basic) for an account authorization token, the base
            URLs for API calls and downloads, the key's capabilities and scope, and the recommended part size. Every
            other call sends that token in the `Authorization` header. Tokens last 24 hours.

            Versions differ only in the shape of the answer: v1 and v2 put the scope in `allowed` (v1 also has
            `minimumPartSize`); v3 moves everything under `apiInfo.storageApi` with one `bucketId`; v4 names several
            buckets in `apiInfo.storageApi.allowed.buckets`. A key restricted to several buckets can sign in only with v4.
            """)
        {
            Handler = AuthorizeAccount.HandleAsync,
            Kind = OperationKind.Authorize,
            Responses =
            [
                new(1, 1, B2JsonContext.Default.AuthorizeAccountV1Response), new(2, 2, B2JsonContext.Default.AuthorizeAccountV2Response),
                new(3, 3, B2JsonContext.Default.AuthorizeAccountV3Response), new(4, 4, B2JsonContext.Default.AuthorizeAccountV4Response),
            ],
            Errors = [B2ErrorCodes.BadRequest, B2ErrorCodes.BadAuthToken, B2ErrorCodes.Unauthorized, B2ErrorCodes.TooManyRequests,
                B2ErrorCodes.TransactionCapExceeded, B2ErrorCodes.RequestTimeout, B2ErrorCodes.InternalError, B2ErrorCodes.ServiceUnavailable],
        },
        new("b2_create_key", Route("b2_create_key"), Accounts,
            "Create an application key with limited capabilities, buckets, name prefix and lifetime",
            """
            Make a new application key — for a backup job, a teammate or an agent — restricted to the capabilities it
            needs, optionally to buckets and to file names under a prefix, and optionally expiring. The answer holds the
            secret `applicationKey`; it is shown this once and never again. A restricted key can only create keys at
            least as restricted as itself. v1–v3 take one `bucketId`; v4 takes `bucketIds` (or one `bucketId`).
            """)
        {
            Handler = CreateKey.HandleAsync,
            Grants = [Capabilities.WriteKeys],
            Parameters =
            [
                B2Param.Str("accountId", "Your account id, from b2_authorize_account.", required: true),
                B2Param.Strings("capabilities", "What the key may do, e.g. listBuckets, listFiles, readFiles, writeFiles, deleteFiles.", required: true),
                B2Param.Str("keyName", "A name for people to recognise the key by: letters, digits and '-', up to 100 characters.", required: true),
                B2Param.Int("validDurationInSeconds", "Lifetime of the key, 1 second to 1000 days; absent means it never expires.", minimum: 1, maximum: 86_400_000),
                B2Param.Str("bucketId", "Restrict the key to this bucket."),
                B2Param.Strings("bucketIds", "v4: restrict the key to these buckets."),
                B2Param.Str("namePrefix", "Restrict the key to file names starting with this prefix; needs a bucket restriction."),
            ],
            Responses = [new(1, 3, B2JsonContext.Default.KeyResponseV1), new(4, 4, B2JsonContext.Default.KeyResponseV4)],
            Errors = [B2ErrorCodes.BadBucketId],
            Example = new JsonObject
            {
                ["accountId"] = "e5b2ab7e3f4c", ["keyName"] = "nightly-backup", ["capabilities"] = new JsonArray("listFiles", "readFiles", "writeFiles"),
                ["bucketIds"] = new JsonArray("4a48fe8875c6214145260818"), ["namePrefix"] = "backups/", ["validDurationInSeconds"] = 86400,
            },
        },
        new("b2_list_keys", Route("b2_list_keys"), Accounts,
            "List application keys",
            "See which application keys exist (never their secrets, never the master key), ordered by id, a page at a time. A restricted key sees only keys inside its own scope.")
        {
            Handler = ListKeys.HandleAsync,
            Grants = [Capabilities.ListKeys],
            Parameters =
            [
                B2Param.Str("accountId", "Your account id.", required: true),
                B2Param.Int("maxKeyCount", "Keys per page, 1 to 10000; default 100.", minimum: 1, maximum: 10000),
                B2Param.Str("startApplicationKeyId", "Continue from here: nextApplicationKeyId of the previous page."),
            ],
            Responses = [new(1, 3, B2JsonContext.Default.ListKeysV1Response), new(4, 4, B2JsonContext.Default.ListKeysV4Response)],
        },
        new("b2_delete_key", Route("b2_delete_key"), Accounts,
            "Delete (revoke) an application key",
            "Revoke an application key: it and every token made from it stop working at once. Answers the deleted key.")
        {
            Handler = DeleteKey.HandleAsync,
            Destructive = true,
            Grants = [Capabilities.DeleteKeys],
            Parameters = [B2Param.Str("applicationKeyId", "The key to delete.", required: true)],
            Responses = [new(1, 3, B2JsonContext.Default.KeyResponseV1), new(4, 4, B2JsonContext.Default.KeyResponseV4)],
        },
        new("b2_create_agent_token", Route("b2_create_agent_token"), Agents,
            "Give an AI agent access: mint a short-lived token for the MCP endpoint",
            """
            Cairn's addition to the B2 API. Trade your account authorization token for a bearer token an AI agent (an
            MCP client) sends to `/mcp` as `Authorization: Bearer <agentToken>`. The agent can do exactly what the
            application key behind your token can — same capabilities, buckets and name prefix — and never sees the
            key's secret. The token works only at `/mcp`, expires after validDurationInSeconds (default one hour) or
            with the key, and dies when the key is deleted. To limit an agent, create a restricted key for it first
            (b2_create_key), sign in with that key and mint the token from it.
            """)
        {
            Handler = CreateAgentToken.HandleAsync,
            Parameters = [B2Param.Int("validDurationInSeconds", "Lifetime, 1 second to 24 hours; default one hour.", minimum: 1, maximum: 86400)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.AgentTokenResponse)],
            Errors = [B2ErrorCodes.OutOfRange],
            Example = new JsonObject { ["validDurationInSeconds"] = 3600 },
        },
        new("b2_list_agent_grants", Route("b2_list_agent_grants"), Agents,
            "List the AI agents given access through the consent page",
            """
            Cairn's addition to the B2 API. Lists the grants people approved when an MCP client signed in with OAuth
            (the consent page at /oauth/authorize): which client acts for which application key, with which capabilities,
            buckets and name prefix, until when. A key sees the grants it approved; a key with listKeys also the grants
            of other keys inside its own scope. No token or code is ever listed.
            """)
        {
            Handler = ListAgentGrants.HandleAsync,
            Responses = [VersionedResponse.All(B2JsonContext.Default.AgentGrantsResponse)],
            Example = new JsonObject(),
        },
        new("b2_revoke_agent_grant", Route("b2_revoke_agent_grant"), Agents,
            "Revoke an AI agent's access",
            """
            Cairn's addition to the B2 API. Ends a grant from b2_list_agent_grants: its access and refresh tokens stop
            working at once and the client must ask the person again. A key revokes the grants it approved; a key with
            deleteKeys also those of other keys inside its own scope. Answers the revoked grant.
            """)
        {
            Handler = RevokeAgentGrant.HandleAsync,
            Destructive = true,
            Parameters = [B2Param.Str("grantId", "The grant to revoke.", required: true)],
            Responses = [VersionedResponse.All(B2JsonContext.Default.AgentGrantResponse)],
            Errors = [B2ErrorCodes.BadRequest, B2ErrorCodes.Unauthorized],
            Example = new JsonObject { ["grantId"] = "grant_8d625eb63be2775577c70e1a" },
        },
    ];
}
