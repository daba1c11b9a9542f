using JointInspection.DevServices.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace JointInspection.Web.Features.DevIdentity;

/// <summary>
/// The development identity provider's sign-in page: choose a demo person, and the provider's authorization
/// request carries on as them. Found only when the provider is on.
/// </summary>
public sealed class SignInModel(DevIdentitySettings? provider = null) : PageModel
{
    public const string ErrorText = "Choose who to sign in as";

    [BindProperty]
    public string? Person { get; set; }

    /// <summary>The authorization request to go back to; the provider's session cookie sends people here with it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<DemoPerson> People => DemoPeople.All;

    /// <summary>Which of the portal's sign-ins asked, from the client_id in the request being completed.</summary>
    public string? ClientName { get; private set; }

    public IActionResult OnGet()
    {
        if (provider is null)
        {
            return NotFound();
        }

        Describe(provider);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (provider is null)
        {
            return NotFound();
        }

        if (DemoPeople.Find(Person) is not { } person)
        {
            Error = ErrorText;
            Describe(provider);
            return Page();
        }

        await HttpContext.SignInAsync(DevIdentityProvider.SessionScheme, DevIdentityProvider.SessionFor(person));
        // Only a local address: the provider's sign-in must not become a way to send people elsewhere.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private void Describe(DevIdentitySettings settings)
    {
        if (!Url.IsLocalUrl(ReturnUrl))
        {
            ReturnUrl = null;
            return;
        }

        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), ReturnUrl).Query);
        var clientId = query.TryGetValue("client_id", out var values) ? values.ToString() : null;
        ClientName = settings.Clients.FirstOrDefault(client => client.ClientId == clientId)?.DisplayName;
    }
}
