using System.Text;
using Cairn.Core.Auth;
using Cairn.Core.Errors;
using Cairn.Core.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// The authorization endpoint. GET checks the request and shows the consent page; the page's form POSTs the person's
/// decision back here with the application key, and the answer redirects to the client with a code (or an error) and
/// its <c>state</c>. Unknown clients and unregistered redirect URIs are told to the person, never redirected to.
/// </summary>
public static class Authorize
{
    private static readonly string[] RequestFields =
        ["response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method", "resource", "scope", "state"];

    public static async Task GetAsync(HttpContext http)
    {
        var request = Read(name => http.Request.Query[name]);
        var oauth = http.RequestServices.GetRequiredService<OAuthService>();
        ValidAuthorization valid;
        try
        {
            valid = await oauth.ValidateAsync(request, OAuthUrls.Resource(http), http.RequestAborted);
        }
        catch (OAuthException e)
        {
            await RefuseAsync(http, request, e);
            return;
        }
        var hidden = new StringBuilder();
        foreach (var name in RequestFields)
        {
            var value = http.Request.Query[name].ToString();
            if (value.Length > 0)
            {
                hidden.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{Pages.Encode(value)}\">\n");
            }
        }
        await Pages.HtmlAsync(http, "consent.html", new Dictionary<string, string>
        {
            ["clientName"] = Pages.Encode(valid.Client.ClientName),
            ["redirectUri"] = Pages.Encode(valid.RedirectUri),
            ["requestedScope"] = Pages.Encode(valid.RequestedScope.Count == 0 ? "(nothing named: you choose)" : string.Join(' ', valid.RequestedScope)),
            ["hiddenFields"] = hidden.ToString(),
        });
    }

    public static async Task PostAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            await Pages.ErrorAsync(http, 400, "Bad request", "The consent form must be posted as a form.");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var request = Read(name => form[name]);
        var oauth = http.RequestServices.GetRequiredService<OAuthService>();
        try
        {
            var valid = await oauth.ValidateAsync(request, OAuthUrls.Resource(http), http.RequestAborted);
            if (form["decision"] != "approve")
            {
                throw new OAuthException(OAuthError.AccessDenied, "the person denied the request");
            }
            var principal = await SignInAsync(http, form["key_id"], form["application_key"]);
            if (principal is null)
            {
                await Pages.ErrorAsync(http, 401, "Not signed in", "The application key id or key is not valid. Go back and sign in again.");
                return;
            }
            var narrowing = new GrantNarrowing
            {
                Capabilities = form["capability"].OfType<string>().ToList(),
                BucketIds = form["bucket_id"].OfType<string>().Where(b => b.Length > 0).ToList(),
                NamePrefix = form["name_prefix"].ToString(),
                ValidForSeconds = long.TryParse(form["valid_for_seconds"], out var seconds) ? seconds : 0,
            };
            IssuedCode issued;
            try
            {
                issued = await oauth.ApproveAsync(principal, valid, narrowing, http.RequestAborted);
            }
            catch (OAuthException e) when (e.Error is OAuthError.InvalidScope or OAuthError.InvalidRequest)
            {
                // The person's own choice was not acceptable: tell them, and let them go back and choose again.
                await Pages.ErrorAsync(http, 400, "Cannot approve this", e.Message);
                return;
            }
            Redirect(http, valid.RedirectUri, new() { ["code"] = issued.Code, ["state"] = request.State });
        }
        catch (OAuthException e)
        {
            await RefuseAsync(http, request, e);
        }
    }

    /// <summary>Checks an application key id and key behind the failed-sign-in throttle; null when they are not valid.</summary>
    internal static async Task<Principal?> SignInAsync(HttpContext http, string? keyId, string? secret)
    {
        try
        {
            var (principal, _) = await http.RequestServices.GetRequiredService<AuthService>().AuthorizeAccountAsync(
                () => (keyId?.Trim() ?? "", secret ?? ""), http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.RequestAborted);
            return principal;
        }
        catch (CairnException e) when (e.Error is CairnError.Unauthorized or CairnError.BadAuthToken)
        {
            return null;
        }
    }

    private static AuthorizationRequest Read(Func<string, StringValues> get)
    {
        string? One(string name) => get(name) is { Count: 1 } v && v[0] is { Length: > 0 } s ? s : null;
        return new AuthorizationRequest
        {
            ResponseType = One("response_type"),
            ClientId = One("client_id"),
            RedirectUri = One("redirect_uri"),
            CodeChallenge = One("code_challenge"),
            CodeChallengeMethod = One("code_challenge_method"),
            Resource = One("resource"),
            Scope = One("scope"),
            State = One("state"),
        };
    }

    private static Task RefuseAsync(HttpContext http, AuthorizationRequest request, OAuthException e)
    {
        if (e.Error is OAuthError.InvalidClient or OAuthError.InvalidRedirectUri)
        {
            return Pages.ErrorAsync(http, 400, "This sign-in request is not valid", e.Message);
        }
        Redirect(http, request.RedirectUri!, new()
        {
            ["error"] = OAuthErrorMap.Map(e.Error).Code,
            ["error_description"] = e.Message,
            ["state"] = request.State,
        });
        return Task.CompletedTask;
    }

    private static void Redirect(HttpContext http, string redirectUri, Dictionary<string, string?> parameters)
    {
        var target = QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null));
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Redirect(target);
    }
}
