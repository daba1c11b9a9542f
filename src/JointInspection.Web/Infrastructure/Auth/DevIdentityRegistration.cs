using JointInspection.DevServices.Identity;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// The development identity provider (JointInspection.DevServices.Identity) wired into the portal: on by default in
/// Development, allowed in Testing when switched on, refused anywhere else. When on, both sign-in schemes point at
/// it unless configured for a real provider, so `dotnet run` alone lets anyone sign in as any demo person.
/// </summary>
public static class DevIdentityRegistration
{
    public const string EnabledKey = "DevServices:Identity:Enabled";

    /// <summary>The staff client's secret at the development provider; known to both ends, and worth nothing anywhere else.</summary>
    public const string StaffClientSecret = "dev-identity-staff-secret";

    public const string StaffClientId = "portal-staff";
    public const string StakeholderClientId = "portal-stakeholder";

    /// <summary>The actor the audit log records for the demo staff's roles.</summary>
    public const string SeedActor = "dev-seed";

    /// <summary>Call before AddPortalAuthentication: it decides which schemes exist from the configuration this adds.</summary>
    public static WebApplicationBuilder AddDevIdentity(this WebApplicationBuilder builder)
    {
        // Testing is allowed so that the tests can make real sign-in round trips against the portal's own test host.
        if (!DevServiceSwitch.IsOn(
            builder,
            EnabledKey,
            "the development identity provider",
            "Remove the setting, or configure Authentication:Staff:* and Authentication:Stakeholder:* for real providers.",
            "Testing"))
        {
            return builder;
        }

        var dataFolder = DataFolder(builder);
        var stakeholderKey = Path.Combine(DevIdentitySettings.KeyFolderIn(dataFolder), "stakeholder-client.key.pem");
        var settings = new DevIdentitySettings
        {
            DataFolder = dataFolder,
            PublicBaseUrl = builder.Configuration["Portal:PublicBaseUrl"],
            OtherPortals = (builder.Configuration["DevServices:Identity:OtherPortals"] ?? "")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(address => new Uri(address.EndsWith('/') ? address : address + "/"))
                .ToList(),
            Clients =
            [
                new(StaffClientId, "the portal's staff sign-in", PortalAuthentication.CallbackPath(PortalAuthentication.StaffScheme), PortalAuthentication.SignedOutCallbackPath(PortalAuthentication.StaffScheme))
                {
                    ClientSecret = StaffClientSecret,
                },
                new(StakeholderClientId, "the portal's public sign-in", PortalAuthentication.CallbackPath(PortalAuthentication.StakeholderScheme), PortalAuthentication.SignedOutCallbackPath(PortalAuthentication.StakeholderScheme))
                {
                    AssertionKeyPath = stakeholderKey,
                },
            ],
        };

        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(builder.Configuration["Authentication:Staff:ClientId"]))
        {
            defaults["Authentication:Staff:ClientId"] = StaffClientId;
            defaults["Authentication:Staff:ClientSecret"] = StaffClientSecret;
            defaults["Authentication:Staff:RequireHttpsMetadata"] = "false";
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["Authentication:Stakeholder:ClientId"]))
        {
            defaults["Authentication:Stakeholder:ClientId"] = StakeholderClientId;
            defaults["Authentication:Stakeholder:ClientAssertionKeyPath"] = stakeholderKey;
            defaults["Authentication:Stakeholder:RequireHttpsMetadata"] = "false";
        }

        // First among the sources, so that anything configured anywhere else wins over these defaults.
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });

        builder.Services.AddDevIdentityProvider(settings);
        builder.Services.AddSingleton(new StartPage("Sign in as any demo person (the development identity provider)", "/account/sign-in"));
        // Registered before AddOpenIdConnect's own post-configure, which builds the metadata manager from the Authority.
        builder.Services.AddSingleton<IPostConfigureOptions<OpenIdConnectOptions>, AuthorityFromDevIdentity>();
        // After the database start-up task (AddPortalData runs first), so the staff tables exist.
        builder.Services.AddSingleton<IStartupTask, DevIdentityStartup>();
        return builder;
    }

    /// <summary>Maps the provider's authorization and end-session endpoints when it is on.</summary>
    public static WebApplication MapDevIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<DevIdentitySettings>() is not null)
        {
            app.MapDevIdentityProvider();
        }

        return app;
    }

    /// <summary>
    /// DevIdentity:DataFolder, or beside the portal's SQLite database (App_Data/ by default), so that a test portal on a
    /// database of its own gets a provider of its own too.
    /// </summary>
    private static string DataFolder(WebApplicationBuilder builder)
    {
        if (builder.Configuration["DevIdentity:DataFolder"] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (DataRegistration.Dialect(builder.Configuration["Database:Provider"]) == SqlDialect.PostgreSql)
        {
            return Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        }

        var file = new SqliteConnectionStringBuilder(DataRegistration.PortalConnectionString(builder)).DataSource;
        return file is not ("" or ":memory:") && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder
            ? folder
            : Path.Combine(builder.Environment.ContentRootPath, "App_Data");
    }
}

/// <summary>Points a sign-in scheme that has no Authority at the development provider's issuer.</summary>
public sealed class AuthorityFromDevIdentity(DevIdentityOrigin origin) : IPostConfigureOptions<OpenIdConnectOptions>
{
    public void PostConfigure(string? name, OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Authority) && string.IsNullOrEmpty(options.MetadataAddress)
            && options.Configuration is null && options.ConfigurationManager is null)
        {
            options.Authority = origin.Issuer.AbsoluteUri;
        }
    }
}

/// <summary>
/// Prepares the provider's database and keys, and gives the demo staff their roles (actor "dev-seed"). Run at
/// every start; a role already held is left alone, so the audit log records only real changes.
/// </summary>
public sealed class DevIdentityStartup(IServiceProvider services, StaffDirectory staff) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await DevIdentityProvider.PrepareAsync(services, cancellationToken);
        foreach (var person in DemoPeople.All)
        {
            if (person.StaffRole is not { } role)
            {
                continue;
            }

            var member = await staff.FindAsync(person.Email, cancellationToken);
            var holds = member is not null && member.Roles.Contains(role)
                && (person.InspectorateCode is null || member.InspectorateCode == person.InspectorateCode);
            if (!holds)
            {
                await staff.GrantAsync(person.Email, role, person.InspectorateCode, DevIdentityRegistration.SeedActor, cancellationToken);
            }
        }
    }
}
