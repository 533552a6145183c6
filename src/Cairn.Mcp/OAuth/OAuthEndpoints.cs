using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// Agent sign-in for the MCP endpoint (MCP authorization, 2025-06-18): discovery documents, client registration, the
/// authorization endpoint with its consent page, the token and revocation endpoints, and the grants page. Protocol glue
/// only: every rule is <see cref="OAuthService"/>'s.
/// </summary>
public static class OAuthEndpoints
{
    public static IServiceCollection AddCairnOAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OAuthOptions>().Bind(configuration.GetSection(OAuthOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OAuthOptions>>().Value);
        services.AddSingleton<OAuthService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCairnOAuth(this IEndpointRouteBuilder app)
    {
        // RFC 9728 §3.1 puts the resource's path after the well-known name; the MCP endpoint's 401 names the bare one.
        app.MapGet(OAuthUrls.ProtectedResourceMetadataPath, Metadata.ProtectedResourceAsync);
        app.MapGet(OAuthUrls.ProtectedResourceMetadataPath + OAuthUrls.ResourcePath, Metadata.ProtectedResourceAsync);
        app.MapGet(OAuthUrls.AuthorizationServerMetadataPath, Metadata.AuthorizationServerAsync);
        app.MapPost(OAuthUrls.RegisterPath, RegisterClient.HandleAsync);
        app.MapGet(OAuthUrls.AuthorizePath, Authorize.GetAsync);
        app.MapPost(OAuthUrls.AuthorizePath, Authorize.PostAsync);
        app.MapPost(OAuthUrls.ConsentKeyPath, ConsentKey.HandleAsync);
        app.MapPost(OAuthUrls.TokenPath, Token.HandleAsync);
        app.MapPost(OAuthUrls.RevokePath, Revoke.HandleAsync);
        app.MapGet(OAuthUrls.GrantsPath, GrantPages.PageAsync);
        app.MapPost(OAuthUrls.GrantsPath + "/list", GrantPages.ListAsync);
        app.MapPost(OAuthUrls.GrantsPath + "/revoke", GrantPages.RevokeAsync);
        app.MapGet("/oauth/assets/{name}", Pages.AssetAsync);
        return app;
    }
}
