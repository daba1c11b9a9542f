using System.Data.Common;
using System.Net;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.TestSupport;

/// <summary>
/// The real portal on a fresh database of its own (a SQLite file, or with PORTAL_TEST_DATABASE=postgresql a PostgreSQL
/// database: see <see cref="TestDatabase"/>), in the "Testing" environment. Settings and the
/// clock are fixed before the first request; pass onRealKestrel to serve on a random loopback port.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-tests-").FullName;

    /// <param name="onRealKestrel">Serve on real Kestrel at 127.0.0.1 rather than the in-memory test server.</param>
    /// <param name="port">With <paramref name="onRealKestrel"/>, the port to listen on; 0 takes a free one.</param>
    /// <param name="database">The database to run on; by default the one the test run names (<see cref="TestDatabase"/>).</param>
    public PortalFactory(bool onRealKestrel = false, int port = 0, SqlDialect? database = null)
        : this(null, onRealKestrel, port, database)
    {
    }

    /// <summary>
    /// Another node on a database that a portal already has (its <see cref="ConnectionString"/>): the two share
    /// everything the database holds and nothing else. The database stays when this one is disposed.
    /// </summary>
    public PortalFactory(string sharedConnectionString, bool onRealKestrel = false)
        : this((string?)sharedConnectionString, onRealKestrel, 0, null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sharedConnectionString);
    }

    private PortalFactory(string? sharedConnectionString, bool onRealKestrel, int port, SqlDialect? database)
    {
        shared = sharedConnectionString;
        // Every test request comes from one address; the rate-limit tests set their own, lower limit.
        Settings["Submissions:RateLimit:PermitLimit"] = "10000";
        Settings["Feedback:RateLimit:PermitLimit"] = "10000";
        // A sign-in makes several calls to the provider, each of which a loaded machine can make slow; the default
        // minute each would fail a test for being slow, not for being wrong.
        foreach (var provider in new[] { "Staff", "Stakeholder" })
        {
            Settings[$"Authentication:{provider}:BackchannelTimeoutSeconds"] = TestPatience.SafetyNetSeconds;
        }
        // Outside Development the portal needs its public address, and answers only to its host. Kestrel's port is
        // chosen here, before start, so that the address can name it.
        Settings["Portal:PublicBaseUrl"] = "http://localhost/";
        // The language model (350 MB, half a second to load, 10 ms a text on one thread) reads submissions only in the
        // portals of the tests about it, which switch it on; copies and templates are found in every portal.
        Settings["Similarity:Embeddings"] = "false";
        // Export files and the dev identity provider's store go beside the test's database, never into the source tree's App_Data.
        Settings["Exports:Path"] = Path.Combine(folder, "exports");
        Settings["DevIdentity:DataFolder"] = folder;
        if ((database ?? TestDatabase.Dialect) == SqlDialect.PostgreSql)
        {
            Settings["Database:Provider"] = "postgresql";
            postgreSql = shared is null ? TestDatabase.CreatePostgreSqlAsync().GetAwaiter().GetResult() : null;
        }

        if (onRealKestrel)
        {
            var listenOn = port == 0 ? MailSupport.FreePort() : port;
            Settings["Portal:PublicBaseUrl"] = $"http://127.0.0.1:{listenOn}/";
            UseKestrel(options => options.Listen(IPAddress.Loopback, listenOn));
        }
    }

    private readonly string? postgreSql;

    private readonly string? shared;

    /// <summary>A second node on real Kestrel, on the same database as <paramref name="first"/> (which must be disposed after it).</summary>
    public static PortalFactory Joining(PortalFactory first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new PortalFactory(first.ConnectionString, onRealKestrel: true);
    }

    /// <summary>The SQLite file, when the tests run on SQLite (and the database is this portal's own).</summary>
    public string DatabasePath => Path.Combine(folder, "portal.db");

    /// <summary>ConnectionStrings:Portal: the SQLite file, or the PostgreSQL database made for this portal.</summary>
    public string ConnectionString => shared ?? postgreSql ?? $"Data Source={DatabasePath}";

    /// <summary>Configuration keys (with ':' separators) applied over appsettings.json.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>An open connection to the portal's database, the portal having started (and so created and migrated it) first.</summary>
    public DbConnection OpenDatabase() => Services.GetRequiredService<Database>().Open();

    /// <summary>Set to fix the portal's clock; null leaves the system clock.</summary>
    public FakeTimeProvider? Clock { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.Timeout = TestPatience.SafetyNet;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Pooled connections keep the file open; release them before deleting it.
            SqliteConnection.ClearAllPools();
            if (postgreSql is not null)
            {
                TestDatabase.DropPostgreSqlAsync(postgreSql).GetAwaiter().GetResult();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A test that is still holding the file leaves it to the temp cleaner.
            }
        }
    }
}

/// <summary>One portal shared by a test class (xUnit class fixtures need a parameterless constructor).</summary>
public sealed class PortalFixture : PortalFactory;
