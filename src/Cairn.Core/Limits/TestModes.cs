namespace Cairn.Core.Limits;

/// <summary>The values of B2's <c>X-Bz-Test-Mode</c> header (b2-api/uploads.md).</summary>
public static class TestModes
{
    public const string FailSomeUploads = "fail_some_uploads";
    public const string ExpireSomeAccountAuthorizationTokens = "expire_some_account_authorization_tokens";
    public const string ForceCapExceeded = "force_cap_exceeded";
}
