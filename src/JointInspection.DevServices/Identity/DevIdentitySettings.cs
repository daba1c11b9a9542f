namespace JointInspection.DevServices.Identity;

/// <summary>A client (relying party) the development identity provider knows: one of the portal's sign-in schemes.</summary>
/// <param name="ClientId">The client_id the portal's scheme uses.</param>
/// <param name="DisplayName">How the sign-in page names the client.</param>
/// <param name="RedirectPath">The callback path, relative to the portal's base address (e.g. "/signin-oidc-staff").</param>
/// <param name="PostLogoutRedirectPath">Where end-session returns to, relative to the portal's base address.</param>
public sealed record DevIdentityClient(string ClientId, string DisplayName, string RedirectPath, string PostLogoutRedirectPath)
{
    /// <summary>Set for a client that authenticates with a shared secret (client_secret_basic or client_secret_post).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>
    /// Set for a client that authenticates with private_key_jwt: the PEM file of its RSA private key. The key is
    /// made on first use; the provider registers its public half as the client's JSON Web Key Set.
    /// </summary>
    public string? AssertionKeyPath { get; init; }
}

/// <summary>Where the development identity provider keeps its files, which clients it knows, and the portal's public address.</summary>
public sealed record DevIdentitySettings
{
    /// <summary>The folder for the provider's database and key files (App_Data/ by default, beside the portal's database).</summary>
    public required string DataFolder { get; init; }

    /// <summary>Portal:PublicBaseUrl; when unset, the address the server listens on.</summary>
    public string? PublicBaseUrl { get; init; }

    public IReadOnlyList<DevIdentityClient> Clients { get; init; } = [];

    /// <summary>
    /// Other portals (their base addresses) that may use this provider as their outside provider, such as a second
    /// node, or a portal configured only through Authentication:* as production would be.
    /// </summary>
    public IReadOnlyList<Uri> OtherPortals { get; init; } = [];

    public string DatabasePath => Path.Combine(DataFolder, "dev-identity.db");

    /// <summary>Where the clients' assertion keys are kept, beside the provider's database.</summary>
    public static string KeyFolderIn(string dataFolder) => Path.Combine(dataFolder, "dev-identity");
}
