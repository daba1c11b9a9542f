namespace JointInspection.Web.Infrastructure;

/// <summary>Absolute addresses for links in emails: Portal:PublicBaseUrl, or the request's own origin.</summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public Uri BaseFor(HttpRequest request)
    {
        var configured = configuration["Portal:PublicBaseUrl"];
        var origin = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured;
        return new Uri(origin.EndsWith('/') ? origin : origin + "/");
    }
}
