using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpsPolicy;

namespace JointInspection.Web.Infrastructure;

/// <summary>
/// Absolute addresses for links in emails: Portal:PublicBaseUrl. Only in Development may it be left out, and then
/// links follow the request's own origin; anywhere else the request's Host header is the attacker's to choose.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public const string BaseUrlKey = "Portal:PublicBaseUrl";

    public Uri BaseFor(HttpRequest request)
    {
        var configured = configuration[BaseUrlKey];
        var origin = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured;
        return new Uri(origin.EndsWith('/') ? origin : origin + "/");
    }
}

public static class PublicLinksRegistration
{
    /// <summary>
    /// Outside Development start-up needs Portal:PublicBaseUrl; its host becomes the only allowed Host (unless
    /// AllowedHosts names hosts itself), and an https base gives HTTPS redirection its port.
    /// </summary>
    public static WebApplicationBuilder AddPublicLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicLinks>();
        var configured = builder.Configuration[PublicLinks.BaseUrlKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!builder.Environment.IsDevelopment())
            {
                builder.Refuse(
                    $"{PublicLinks.BaseUrlKey} is not set. Outside Development set it to the portal's public address " +
                    "(e.g. https://consult.example.org/): links in emails and the hosts the portal answers to come from it.");
            }

            return builder;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            builder.Refuse($"{PublicLinks.BaseUrlKey} is '{configured}', which is not an absolute http or https address. Set it like https://consult.example.org/.");
            return builder;
        }

        builder.Services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (options.AllowedHosts.Count == 0 || options.AllowedHosts.Contains("*"))
            {
                options.AllowedHosts = [baseUrl.IdnHost];
            }
        });
        if (baseUrl.Scheme == Uri.UriSchemeHttps)
        {
            builder.Services.Configure<HttpsRedirectionOptions>(options => options.HttpsPort = baseUrl.Port);
        }

        return builder;
    }
}
