using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Account;

/// <summary>Ends the portal session and, where the provider has an end-session endpoint, the provider's too.</summary>
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var provider = User.FindFirst(PortalAuthentication.SignedInWithClaim)?.Value;
        var properties = new AuthenticationProperties { RedirectUri = "/account/signed-out" };
        if (provider is not null && await schemes.GetSchemeAsync(provider) is not null)
        {
            return SignOut(properties, PortalAuthentication.CookieScheme, provider);
        }

        return SignOut(properties, PortalAuthentication.CookieScheme);
    }
}
