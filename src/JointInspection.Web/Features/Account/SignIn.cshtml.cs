using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Account;

/// <summary>Starts sign-in with one of the two providers, or says plainly why that cannot happen now.</summary>
public sealed class SignInModel(IAuthenticationSchemeProvider schemes, IOptionsMonitor<OpenIdConnectOptions> providers, ILogger<SignInModel> logger)
    : PageModel
{
    public string Provider { get; private set; } = "";

    /// <summary>True when the provider is set up but did not answer; false when it is not set up at all.</summary>
    public bool ProviderDown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string provider, string? returnUrl)
    {
        Provider = provider;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        if (await schemes.GetSchemeAsync(provider) is null)
        {
            return Page();
        }

        try
        {
            // Ask for the provider's metadata first (it is cached), so a provider that is down gets this page, not an error.
            _ = await ClientAssertions.ConfigurationAsync(providers.Get(provider), HttpContext.RequestAborted);
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "The {Provider} sign-in provider did not answer.", provider);
            ProviderDown = true;
            return Page();
        }

        Response.StatusCode = StatusCodes.Status200OK;
        // Only local addresses: a sign-in link must not become a way to send people elsewhere.
        var destination = Url.IsLocalUrl(returnUrl) ? returnUrl : DefaultDestination(provider);
        return Challenge(new AuthenticationProperties { RedirectUri = destination }, provider);
    }

    private static string DefaultDestination(string provider) =>
        provider == PortalAuthentication.StaffScheme ? "/staff" : "/account/your-submissions";
}
