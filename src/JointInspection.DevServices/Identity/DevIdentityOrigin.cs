using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JointInspection.DevServices.Identity;

/// <summary>
/// The portal's own base address, which is also where the provider lives: Portal:PublicBaseUrl when set, otherwise
/// the address the server actually listens on. Tests listen on a random port, so the address is only known once the
/// server has started: it is worked out at first use (the first request), not at start-up.
/// </summary>
public sealed partial class DevIdentityOrigin(IServer server, DevIdentitySettings settings)
{
    /// <summary>The path of the provider under the portal, as OpenIddict's relative endpoint addresses start.</summary>
    public const string ProviderPath = "dev/identity/";

    private Uri? resolved;

    /// <summary>The portal's base address, ending in '/'.</summary>
    public Uri BaseAddress => resolved ?? Resolve();

    /// <summary>The provider's issuer: {origin}/dev/identity/.</summary>
    public Uri Issuer => new(BaseAddress, ProviderPath);

    /// <summary>
    /// The base address and, when it is a loopback one, its twin (localhost and 127.0.0.1): a developer may browse
    /// either, and the portal's redirect address follows the address in the browser.
    /// </summary>
    public IReadOnlyList<Uri> BaseAddresses()
    {
        var address = BaseAddress;
        var twin = address.Host switch
        {
            "localhost" => "127.0.0.1",
            "127.0.0.1" => "localhost",
            _ => null,
        };
        return twin is null ? [address] : [address, new UriBuilder(address) { Host = twin }.Uri];
    }

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
        {
            return resolved = WithTrailingSlash(new Uri(settings.PublicBaseUrl, UriKind.Absolute));
        }

        var listening = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(Parse)
            .OfType<Uri>()
            .ToList();
        if (listening.Count == 0)
        {
            // In-memory test servers never listen; their requests carry Host: localhost. Not kept, in case the
            // real server has simply not bound yet.
            return new Uri("http://localhost/");
        }

        var chosen = listening.FirstOrDefault(uri => uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
            ?? listening.FirstOrDefault(uri => uri.Scheme == Uri.UriSchemeHttp)
            ?? listening[0];
        return resolved = chosen;
    }

    /// <summary>A listening address as a browser would reach it: wildcard hosts (+, *, 0.0.0.0, [::]) become localhost.</summary>
    private static Uri? Parse(string address)
    {
        var match = ListeningAddress().Match(address);
        if (!match.Success)
        {
            return null;
        }

        var host = match.Groups["host"].Value is "+" or "*" or "0.0.0.0" or "[::]" ? "localhost" : match.Groups["host"].Value;
        return Uri.TryCreate($"{match.Groups["scheme"].Value}://{host}{match.Groups["rest"].Value}", UriKind.Absolute, out var uri)
            ? WithTrailingSlash(uri)
            : null;
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]*\]|[^:/]+)(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListeningAddress();
}
