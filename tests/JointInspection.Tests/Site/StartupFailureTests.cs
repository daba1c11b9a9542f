using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace JointInspection.Tests.Site;

/// <summary>What an operator sees when the portal cannot start: the real app, as a process.</summary>
public sealed class StartupFailureTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-startup-").FullName;

    /// <summary>A database the portal could use, so that what stops it is the setting under test.</summary>
    private string database = "";

    public async Task InitializeAsync() => database = await TestDatabase.ForProcessAsync(folder);

    public async Task DisposeAsync()
    {
        await TestDatabase.DropForProcessAsync(database);
        Directory.Delete(folder, recursive: true);
    }

    // A SQLite file's folder that cannot be made; PostgreSQL's counterpart is the unreachable server below.
    [Fact]
    [Trait("Database", "sqlite-only")]
    public async Task An_unwritable_database_stops_start_up_with_one_clear_line()
    {
        var run = await RunPortalAsync(("ConnectionStrings__Portal", "Data Source=/proc/joint-inspection/portal.db"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up stopped: Cannot create the database folder '/proc/joint-inspection'", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Portal", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_before_opening_stops_start_up_with_one_clear_line()
    {
        var run = await RunPortalAsync(
            ("ConnectionStrings__Portal", database),
            ("Consultation__OpensAt", "2027-02-18T00:00:00Z"),
            ("Consultation__ClosesAt", "2026-12-01T00:00:00Z"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up stopped: Consultation:ClosesAt must be after Consultation:OpensAt", line, StringComparison.Ordinal);
    }

    // Mode=ReadOnly on a SQLite file.
    [Fact]
    [Trait("Database", "sqlite-only")]
    public async Task A_database_that_cannot_take_a_write_stops_start_up_with_one_clear_line()
    {
        // A migrated database in WAL mode, so that start-up has nothing left to write unless it checks. Root ignores
        // file permissions, so the connection string makes it read-only, as SQLite treats a file it cannot write.
        var file = Path.Combine(folder, "portal.db");
        new DatabaseStartup(new Database($"Data Source={file}"), NullLogger<DatabaseStartup>.Instance).Migrate();
        SqliteConnection.ClearAllPools();

        var run = await RunPortalAsync(("ConnectionStrings__Portal", $"Data Source={file};Mode=ReadOnly"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Start-up stopped: Cannot open the database '{file}' for writing", line, StringComparison.Ordinal);
        Assert.Contains("readonly", line, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "postgresql-only")]
    public async Task PostgreSQL_unreachable_stops_start_up_with_one_clear_line()
    {
        var closed = MailSupport.FreePort();

        var run = await RunPortalAsync(
            ("Database__Provider", "postgresql"),
            ("ConnectionStrings__Portal", $"Host=127.0.0.1;Port={closed};Database=portal;Username=portal;Password=portal"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Start-up stopped: Cannot connect to PostgreSQL at 127.0.0.1:{closed}/portal", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Portal", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Portal__ContactEmail", "Secretariat <secretariat@joint-inspection.example>", "Portal:ContactEmail is 'Secretariat <secretariat@joint-inspection.example>', which is not one email address.")]
    [InlineData("Portal__DataProtectionEmail", "dpo at probation", "Portal:DataProtectionEmail is 'dpo at probation', which is not one email address.")]
    [InlineData("Portal__AccessibilityStatementPrepared", "6 December 2026", "Portal:AccessibilityStatementPrepared is '6 December 2026', which is not a date. Set it as yyyy-MM-dd, the day the statement was prepared.")]
    [InlineData("Feedback__RateLimit__PermitLimit", "0", "Feedback:RateLimit:PermitLimit and :WindowSeconds must be whole numbers of at least 1")]
    public async Task A_contact_or_feedback_setting_that_cannot_be_meant_stops_start_up_with_one_clear_line(string name, string value, string expected)
    {
        var run = await RunPortalAsync(("ConnectionStrings__Portal", database), (name, value));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Start-up stopped: {expected}", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("121")]
    [InlineData("1.5")]
    public async Task A_retention_period_that_is_not_1_to_120_whole_months_stops_start_up_with_one_clear_line(string months)
    {
        var run = await RunPortalAsync(("ConnectionStrings__Portal", database), ("Retention__Months", months));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"Start-up stopped: Retention:Months is '{months}', which is not a whole number of months from 1 to 120. Set it to how many months",
            line,
            StringComparison.Ordinal);
    }

    private Task<PortalRun> RunPortalAsync(params (string Name, string Value)[] environment) =>
        PortalProcess.RunAsync(folder, environment.ToDictionary(e => e.Name, e => e.Value));
}
