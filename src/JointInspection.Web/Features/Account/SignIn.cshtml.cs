using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Account;

/// <summary>Starts sign-in with one of the two providers, or says plainly that it is not set up here.</summary>
public sealed class SignInModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public string Provider { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string provider, string? returnUrl)
    {
        Provider = provider;
        if (await schemes.GetSchemeAsync(provider) is null)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        // Only local addresses: a sign-in link must not become a way to send people elsewhere.
        var destination = Url.IsLocalUrl(returnUrl) ? returnUrl : DefaultDestination(provider);
        return Challenge(new AuthenticationProperties { RedirectUri = destination }, provider);
    }

    private static string DefaultDestination(string provider) =>
        provider == PortalAuthentication.StaffScheme ? "/staff" : "/account/your-submissions";
}
