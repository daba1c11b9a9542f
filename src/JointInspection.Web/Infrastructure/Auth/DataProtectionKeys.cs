using System.Xml.Linq;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Infrastructure.Auth;

public static class DataProtectionKeys
{
    /// <summary>Every app of the same name on the same database shares this ring, and nothing else does.</summary>
    public const string ApplicationName = "joint-inspection-portal";

    /// <summary>
    /// Data protection (sessions, antiforgery, TempData, the sign-in's state) with its key ring in the portal's
    /// database rather than the user's home folder: keys survive a redeploy, and every node on the database shares them.
    /// </summary>
    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new DatabaseXmlRepository(services.GetRequiredService<Database>(), services.GetRequiredService<TimeProvider>())));
        return builder;
    }
}

/// <summary>
/// The key ring as rows of data_protection_key. Data protection calls this synchronously and rarely (at start, then
/// about once a day, and when it makes a key every few months), so it opens its own connection; busy_timeout covers
/// a write that meets another writer.
/// </summary>
public sealed class DatabaseXmlRepository(Database database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_key ORDER BY stored_at, name").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        // Two nodes may make a key at once; each key has its own name, so both are kept, as the file system would.
        connection.Execute(
            "INSERT INTO data_protection_key (name, xml, stored_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            new { name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = clock.GetUtcNow() },
            transaction);
        transaction.Commit();
    }
}
