using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JointInspection.DevServices.Identity;

/// <summary>
/// Registers the provider's clients in its store. Their redirect addresses contain the portal's own address, which
/// a test server only knows once it listens, so this happens at the provider's first request rather than at start-up;
/// each start re-registers them (create or update), so a new port or a new key is picked up.
/// </summary>
public sealed class DevIdentityClients(IServiceScopeFactory scopes, DevIdentityOrigin origin, DevIdentitySettings settings)
{
    private readonly Lock gate = new();
    private Task? registration;

    public Task EnsureRegisteredAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // One registration for every request that races to be first; a failed one is tried again by the next request.
            if (registration is null || registration.IsFaulted || registration.IsCanceled)
            {
                registration = RegisterAsync();
            }

            return registration.WaitAsync(cancellationToken);
        }
    }

    private async Task RegisterAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in settings.Clients)
        {
            var descriptor = Describe(client);
            if (await applications.FindByClientIdAsync(client.ClientId) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor);
            }
            else
            {
                await applications.CreateAsync(descriptor);
            }
        }
    }

    private OpenIddictApplicationDescriptor Describe(DevIdentityClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            DisplayName = client.DisplayName,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            ClientSecret = client.ClientSecret,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.PushedAuthorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };

        if (client.AssertionKeyPath is { } keyPath)
        {
            using var key = RsaKeyFile.LoadOrCreate(keyPath);
            descriptor.JsonWebKeySet = RsaKeyFile.PublicKeySet(key);
        }

        foreach (var baseAddress in origin.BaseAddresses().Concat(settings.OtherPortals))
        {
            descriptor.RedirectUris.Add(new Uri(baseAddress, client.RedirectPath.TrimStart('/')));
            descriptor.PostLogoutRedirectUris.Add(new Uri(baseAddress, client.PostLogoutRedirectPath.TrimStart('/')));
        }

        return descriptor;
    }
}
