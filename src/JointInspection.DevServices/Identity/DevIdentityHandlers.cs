using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JointInspection.DevServices.Identity;

/// <summary>Registers the provider's clients before the first request that reaches one of its endpoints.</summary>
public sealed class RegisterClientsFirst(DevIdentityClients clients) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<RegisterClientsFirst>()
        .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.EndpointType is not OpenIddictServerEndpointType.Unknown)
        {
            await clients.EnsureRegisteredAsync(context.CancellationToken);
        }
    }
}

/// <summary>
/// Accepts the token and pushed-authorization endpoints, not only the issuer, as the audience of a private_key_jwt
/// client assertion. OpenIddict 7 follows the draft successor to RFC 7523 and accepts the issuer alone; GOV.UK One
/// Login, which this provider stands in for, requires the token endpoint, and the portal sends what One Login wants.
/// </summary>
public sealed class ClientAssertionAudiences : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<ClientAssertionAudiences>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateAudiences.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ClientAssertionTyping.IsClientAssertion(context) && context.BaseUri is { IsAbsoluteUri: true } baseUri)
        {
            foreach (var endpoint in context.Options.TokenEndpointUris.Concat(context.Options.PushedAuthorizationEndpointUris))
            {
                context.ValidAudiences.Add(new Uri(baseUri, endpoint).AbsoluteUri);
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Accepts a client assertion typed plain "JWT" as well as "client-authentication+jwt". OpenIddict 7 insists on the
/// explicit type from the draft successor to RFC 7523; GOV.UK One Login documents no typ, and the portal sends "JWT",
/// which most providers expect. Before OpenIddict's validation this adds "JWT" to the accepted types; after it, the
/// token (which OpenIddict reads as an identity token by that type) is typed back as the client assertion it is.
/// </summary>
public sealed class ClientAssertionTyping : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor AcceptDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<ClientAssertionTyping>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor RestoreDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<ClientAssertionTyping>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static bool IsClientAssertion(ValidateTokenContext context) =>
        context.ValidTokenTypes.Count == 1 && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion);

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsClientAssertion(context))
        {
            return ValueTask.CompletedTask;
        }

        if (context.Principal is null && context.TokenValidationParameters is { } parameters)
        {
            parameters.ValidTypes = [.. parameters.ValidTypes ?? [], JwtConstants.HeaderType];
        }
        else if (context.Principal?.GetTokenType() == TokenTypeIdentifiers.IdentityToken)
        {
            context.Principal.SetTokenType(TokenTypeIdentifiers.Private.ClientAssertion);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Puts email_verified and name in the userinfo response: OpenIddict's own userinfo answer carries the subject and
/// email but not these, and the portal accepts only a verified email.
/// </summary>
public sealed class UserInfoClaims : IOpenIddictServerHandler<HandleUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleUserInfoRequestContext>()
        .UseSingletonHandler<UserInfoClaims>()
        .SetOrder(OpenIddictServerHandlers.UserInfo.AttachClaims.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleUserInfoRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.AccessTokenPrincipal;
        if (principal.HasScope(Scopes.Email))
        {
            context.EmailVerified = string.Equals(principal.GetClaim(Claims.EmailVerified), "true", StringComparison.OrdinalIgnoreCase);
        }

        if (principal.HasScope(Scopes.Profile) && principal.GetClaim(Claims.Name) is { } name)
        {
            context.Claims[Claims.Name] = name;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Writes the form_post authorization response itself. OpenIddict's own page submits its form with an inline
/// script, which the portal's Content-Security-Policy (script-src 'self') blocks, leaving the browser on a blank
/// page; this one allows its single script by a per-response nonce, and offers a button when script is off.
/// </summary>
public sealed class FormPostResponse : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public const string FormId = "dev-identity-form-post";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<FormPostResponse>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.RedirectUri) || context.ResponseMode != ResponseModes.FormPost)
        {
            return;
        }

        var response = context.Transaction.GetHttpRequest()!.HttpContext.Response;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>Returning to the portal</title></head>\n<body>\n")
            .Append(CultureInvariant($"<form id=\"{FormId}\" method=\"post\" action=\"{WebUtility.HtmlEncode(context.RedirectUri)}\">\n"));
        foreach (var (name, value) in context.Response.GetParameters())
        {
            if ((string?)value is { Length: > 0 } text)
            {
                html.Append(CultureInvariant($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(text)}\">\n"));
            }
        }

        html.Append("<noscript><p>Script is off: continue to the portal to finish signing in.</p><button type=\"submit\">Continue</button></noscript>\n</form>\n")
            .Append(CultureInvariant($"<script nonce=\"{nonce}\">document.getElementById('{FormId}').submit();</script>\n</body>\n</html>\n"));

        var redirect = new Uri(context.RedirectUri);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; form-action {redirect.GetLeftPart(UriPartial.Authority)}; base-uri 'none'; frame-ancestors 'none'";
        await response.WriteAsync(html.ToString(), context.CancellationToken);
        context.HandleRequest();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
