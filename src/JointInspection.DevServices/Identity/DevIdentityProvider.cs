using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JointInspection.DevServices.Identity;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) inside the portal, under /dev/identity/, that signs people in as
/// demo people chosen from a list: the development stand-in for the staff directory's provider and GOV.UK One Login.
/// Authorization code flow with PKCE (S256 only), pushed authorization requests, client secrets and
/// private_key_jwt, userinfo and end-session. Its keys are made afresh at each start; its clients, codes and tokens
/// live in a SQLite file of their own.
/// </summary>
public static class DevIdentityProvider
{
    /// <summary>The provider's own sign-in session: who was chosen, until the portal ends it through end-session.</summary>
    public const string SessionScheme = "dev-identity";

    public const string SignInPath = "/dev/identity/sign-in";

    public const string AuthorizationEndpoint = DevIdentityOrigin.ProviderPath + "connect/authorize";
    public const string PushedAuthorizationEndpoint = DevIdentityOrigin.ProviderPath + "connect/par";
    public const string TokenEndpoint = DevIdentityOrigin.ProviderPath + "connect/token";
    public const string UserInfoEndpoint = DevIdentityOrigin.ProviderPath + "connect/userinfo";
    public const string EndSessionEndpoint = DevIdentityOrigin.ProviderPath + "connect/end-session";
    public const string ConfigurationEndpoint = DevIdentityOrigin.ProviderPath + ".well-known/openid-configuration";
    public const string JsonWebKeySetEndpoint = DevIdentityOrigin.ProviderPath + ".well-known/jwks";

    public static IServiceCollection AddDevIdentityProvider(this IServiceCollection services, DevIdentitySettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<DevIdentityOrigin>();
        services.AddSingleton<DevIdentityClients>();
        services.AddDbContext<DevIdentityDbContext>(options => options
            .UseSqlite($"Data Source={settings.DatabasePath}")
            .UseOpenIddict());
        // Every query the provider's store runs would otherwise be logged at Information.
        services.AddLogging(logging => logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));

        services.AddAuthentication().AddCookie(SessionScheme, options =>
        {
            options.Cookie.Name = "ji-dev-identity";
            options.Cookie.Path = "/dev/identity";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.LoginPath = SignInPath;
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<DevIdentityDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizationEndpoint)
                    .SetPushedAuthorizationEndpointUris(PushedAuthorizationEndpoint)
                    .SetTokenEndpointUris(TokenEndpoint)
                    .SetUserInfoEndpointUris(UserInfoEndpoint)
                    .SetEndSessionEndpointUris(EndSessionEndpoint)
                    .SetConfigurationEndpointUris(ConfigurationEndpoint)
                    .SetJsonWebKeySetEndpointUris(JsonWebKeySetEndpoint);

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.RegisterScopes(Scopes.Email, Scopes.Profile);
                server.RegisterClaims(Claims.Email, Claims.EmailVerified, Claims.Name);

                // Keys live as long as the process: a restart invalidates outstanding codes and tokens, which in
                // development costs one more sign-in. Access tokens stay plain JWTs, readable when debugging.
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();

                server.AddEventHandler(RegisterClientsFirst.Descriptor)
                    .AddEventHandler(ClientAssertionAudiences.Descriptor)
                    .AddEventHandler(ClientAssertionTyping.AcceptDescriptor)
                    .AddEventHandler(ClientAssertionTyping.RestoreDescriptor)
                    .AddEventHandler(UserInfoClaims.Descriptor)
                    .AddEventHandler(FormPostResponse.Descriptor);

                // Development and tests run on plain HTTP; the provider is never enabled anywhere else.
                server.UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, IssuerFromOrigin>();
        return services;
    }

    /// <summary>Creates the provider's database and any client key that does not exist yet. Safe to run at every start.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DevIdentitySettings>();
        Directory.CreateDirectory(settings.DataFolder);
        foreach (var client in settings.Clients)
        {
            if (client.AssertionKeyPath is { } keyPath)
            {
                RsaKeyFile.EnsureExists(keyPath);
            }
        }

        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<DevIdentityDbContext>().Database;
        await database.EnsureCreatedAsync(cancellationToken);
    }

    /// <summary>The provider's authorization and end-session endpoints (OpenIddict hands these requests on to the app).</summary>
    public static IEndpointRouteBuilder MapDevIdentityProvider(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/" + AuthorizationEndpoint, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)AuthorizeAsync).ExcludeFromDescription();
        endpoints.MapMethods("/" + EndSessionEndpoint, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)EndSessionAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The provider session for a demo person, as the sign-in page creates it.</summary>
    public static ClaimsPrincipal SessionFor(DemoPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, person.Subject), new Claim(Claims.Email, person.Email)], SessionScheme));
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await context.AuthenticateAsync(SessionScheme);
        var person = session.Succeeded ? DemoPeople.Find(session.Principal.FindFirst(Claims.Email)?.Value) : null;
        if (person is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Nobody is signed in to the development identity provider.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // Back to this same request once someone is chosen. With PAR the query is just client_id and request_uri,
            // which stays valid until the sign-in below redeems it.
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [SessionScheme]);
        }

        var scopes = request.GetScopes().Intersect([Scopes.OpenId, Scopes.Email, Scopes.Profile]).ToList();
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Subject));
        identity.AddClaim(new Claim(Claims.Email, person.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, "true", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, person.Name));
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Email or Claims.EmailVerified when scopes.Contains(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name when scopes.Contains(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email or Claims.EmailVerified or Claims.Name => [],
            _ => [Destinations.AccessToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(SessionScheme);
        // OpenIddict returns to the client's validated post_logout_redirect_uri; with none, to the portal's home page.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The issuer is {origin}/dev/identity/, and the origin is known only once the server listens (see <see cref="DevIdentityOrigin"/>).</summary>
    private sealed class IssuerFromOrigin(DevIdentityOrigin origin) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options) => options.Issuer = origin.Issuer;
    }
}
