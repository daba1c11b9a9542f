using System.Security.Claims;
using JointInspection.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// One cookie session, signed into by either of two OpenID Connect providers: the staff directory
/// ("staff") or the public's provider ("stakeholder"). Roles are not in the cookie: they are read from
/// the database on every request, so a revoked role takes effect at the next request.
/// </summary>
public static class PortalAuthentication
{
    public const string CookieScheme = "portal";
    public const string StaffScheme = "staff";
    public const string StakeholderScheme = "stakeholder";

    /// <summary>Which provider vouched for this session: "staff" or "stakeholder".</summary>
    public const string SignedInWithClaim = "portal:signed-in-with";

    public const string EmailClaim = "email";
    public const string NameClaim = "name";

    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var cookies = PortalCookies.For(builder.Environment);
        cookies.Apply(builder.Services);
        builder.AddPortalDataProtection();
        builder.Services.AddSingleton<DatabaseTicketStore>();
        // The session itself is in the database; the cookie holds only its key.
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);
        var authentication = builder.Services
            .AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = cookies.Session;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.Path = "/";
                options.Cookie.SecurePolicy = cookies.SecurePolicy;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/access-denied";
                options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized, "Sign in first", "This needs a signed-in staff member.");
                options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this.");
            });
        foreach (var (scheme, section) in Providers(builder.Configuration))
        {
            // A provider with no client id is not set up: its scheme is left out and its sign-in page says so.
            if (!string.IsNullOrWhiteSpace(section["ClientId"]))
            {
                authentication.AddOpenIdConnect(scheme, options => ConfigureProvider(options, section, scheme, cookies));
            }
        }

        builder.Services.AddSingleton<StaffDirectory>();
        builder.Services.AddSingleton<ClientAssertions>();
        builder.Services.AddScoped<IClaimsTransformation, StaffRolesFromDatabase>();
        builder.Services.AddPortalAuthorization();
        return builder;
    }

    public static IEnumerable<(string Scheme, IConfigurationSection Section)> Providers(IConfiguration configuration) =>
    [
        (StaffScheme, configuration.GetSection("Authentication:Staff")),
        (StakeholderScheme, configuration.GetSection("Authentication:Stakeholder")),
    ];

    /// <summary>Where a provider sends the person back after sign-in; a provider must list it for the portal.</summary>
    public static string CallbackPath(string scheme) => $"/signin-oidc-{scheme}";

    /// <summary>Where a provider sends the person back after sign-out.</summary>
    public static string SignedOutCallbackPath(string scheme) => $"/signout-callback-oidc-{scheme}";

    private static void ConfigureProvider(OpenIdConnectOptions options, IConfigurationSection section, string scheme, PortalCookies cookies)
    {
        options.SignInScheme = CookieScheme;
        options.Authority = section["Authority"];
        options.ClientId = section["ClientId"];
        options.ClientSecret = section["ClientSecret"];
        options.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
        // How long the portal waits for each answer from the provider (metadata, token, userinfo) before the sign-in
        // page says the provider is not responding.
        options.BackchannelTimeout = TimeSpan.FromSeconds(section.GetValue("BackchannelTimeoutSeconds", 60));
        options.CallbackPath = CallbackPath(scheme);
        options.SignedOutCallbackPath = SignedOutCallbackPath(scheme);
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SaveTokens = true;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = NameClaim;
        options.Scope.Clear();
        foreach (var scope in (section["Scopes"] ?? "openid profile email").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scope.Add(scope);
        }

        // Secure even in plain-HTTP development: the provider's form_post comes back cross-site, so these are
        // SameSite=None, which browsers accept only when Secure. Path=/ as the __Host- prefix requires.
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Path = "/";
        }

        options.CorrelationCookie.Name = cookies.CorrelationPrefix;
        options.NonceCookie.Name = cookies.NoncePrefix;

        options.Events.OnTokenValidated = context => OnSignedInAsync(context, scheme);
        if (scheme == StaffScheme)
        {
            // By now the userinfo claims are in too; the name is kept so staff pages can say who did what.
            options.Events.OnTicketReceived = context => context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>()
                .RememberNameAsync(context.Principal!.Email()!, context.Principal!.FindFirst(NameClaim)?.Value, context.HttpContext.RequestAborted);
        }

        options.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            // The redirect answers the sign-out form, so the page's form-action must allow the provider's end-session origin.
            SignOutRedirect.AllowFormActionTo(context.Response, context.ProtocolMessage.IssuerAddress);
            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            // A forged or replayed callback, a refused consent, a provider that is down: a page that says so, never a stack trace.
            context.Response.Redirect($"/account/sign-in-failed?provider={scheme}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
        options.Events.OnAuthorizationCodeReceived = context =>
            context.HttpContext.RequestServices.GetRequiredService<ClientAssertions>().AddToTokenRequestAsync(context, section);
        options.Events.OnPushAuthorization = context =>
            context.HttpContext.RequestServices.GetRequiredService<ClientAssertions>().AddToPushedAuthorizationAsync(context, section);
    }

    private static Task OnSignedInAsync(TokenValidatedContext context, string scheme)
    {
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        var email = identity.FindFirst(EmailClaim)?.Value;
        var verified = string.Equals(identity.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(email) || !verified)
        {
            context.Fail("The provider did not vouch for a verified email address.");
            return Task.CompletedTask;
        }

        identity.AddClaim(new Claim(SignedInWithClaim, scheme));
        return Task.CompletedTask;
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context.HttpContext);
    }

    public static string? Email(this ClaimsPrincipal user) => user.FindFirst(EmailClaim)?.Value;

    /// <summary>The inspectorate a staff member belongs to, as the portal's staff roles record it; a chief inspector leads it.</summary>
    public static string? Inspectorate(this ClaimsPrincipal user) => user.FindFirst(StaffRolesFromDatabase.InspectorateClaim)?.Value;

    /// <summary>Signed in with the staff provider and given a staff role, as the Staff policy asks.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.SignedInAs(StaffScheme) && Features.Account.StaffRoles.All.Any(user.IsInRole);

    public static bool SignedInAs(this ClaimsPrincipal user, string scheme) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(SignedInWithClaim, scheme);
}
