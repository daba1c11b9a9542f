namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// Signing out posts a form, and the answer redirects to the provider's end-session endpoint. Browsers hold a redirect
/// that follows a form submission to the page's CSP form-action, which allows only 'self' everywhere else; so the
/// sign-out answer, and only it, also allows the origin of the endpoint it redirects to, as the provider's metadata
/// names it.
/// </summary>
public static class SignOutRedirect
{
    private const string FormAction = "form-action";

    public static void AllowFormActionTo(HttpResponse response, string? endSessionEndpoint)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!Uri.TryCreate(endSessionEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            return;
        }

        var origin = endpoint.GetLeftPart(UriPartial.Authority);
        var policy = response.Headers.ContentSecurityPolicy.ToString();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = directives.FindIndex(directive => directive == FormAction || directive.StartsWith(FormAction + " ", StringComparison.Ordinal));
        if (index < 0)
        {
            // No form-action: nothing restricts the redirect.
            return;
        }

        if (!directives[index].Split(' ').Contains(origin, StringComparer.Ordinal))
        {
            directives[index] += " " + origin;
        }

        response.Headers.ContentSecurityPolicy = string.Join("; ", directives);
    }
}
