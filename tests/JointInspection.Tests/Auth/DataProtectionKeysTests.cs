using System.Xml.Linq;
using Dapper;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JointInspection.Tests.Auth;

/// <summary>
/// The keys that protect sessions, antiforgery tokens and TempData are in the portal's database under the portal's
/// own application name: every node on that database reads what another protected, and a redeploy keeps them.
/// </summary>
public sealed class DataProtectionKeysTests : IDisposable
{
    private readonly PortalFactory first = new();
    private readonly PortalFactory second = new();

    public DataProtectionKeysTests() => second.Settings["ConnectionStrings:Portal"] = first.ConnectionString;

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
    }

    [Fact]
    public void What_one_node_protects_another_on_the_same_database_reads_with_keys_kept_in_the_database()
    {
        var homeKeys = HomeKeyFiles();

        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Protect("ticket");
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(payload);

        Assert.Equal("ticket", read);
        Assert.Equal("joint-inspection-portal", first.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        using var database = first.OpenDatabase();
        var stored = database.Query<string>("SELECT xml FROM data_protection_key")
            .Select(xml => (Guid)XElement.Parse(xml).Attribute("id")!)
            .ToHashSet();
        var used = first.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(key => key.KeyId).ToList();
        Assert.NotEmpty(used);
        Assert.All(used, id => Assert.Contains(id, stored));
        Assert.Equal(homeKeys, HomeKeyFiles());
    }

    private static HashSet<string> HomeKeyFiles()
    {
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aspnet", "DataProtection-Keys");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).ToHashSet() : [];
    }
}
