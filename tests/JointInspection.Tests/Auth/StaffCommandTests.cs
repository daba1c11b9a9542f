using Dapper;
using JointInspection.TestSupport;
using Microsoft.Data.Sqlite;

namespace JointInspection.Tests.Auth;

/// <summary>The staff command as an operator runs it: the real app, as a process, on a database of its own.</summary>
public sealed class StaffCommandTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-cli-").FullName;

    /// <summary>A SQLite file the command makes, or on PostgreSQL a database of the run's server.</summary>
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestDatabase.ForProcessAsync(folder);

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await TestDatabase.DropForProcessAsync(connectionString);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Grant_list_and_revoke_change_roles_and_leave_an_audit_trail()
    {
        var grant = await RunAsync("staff", "grant", "--email", "chief@hmi-prisons.example", "--role", "ChiefInspector", "--inspectorate", "hmi-prisons");
        var second = await RunAsync("staff", "grant", "--email", "chief@hmi-prisons.example", "--role", "Admin");
        var list = await RunAsync("staff", "list");
        var revoke = await RunAsync("staff", "revoke", "--email", "CHIEF@hmi-prisons.example", "--role", "Admin");
        var after = await RunAsync("staff", "list");

        Assert.Equal((0, 0, 0, 0), (grant.ExitCode, second.ExitCode, list.ExitCode, revoke.ExitCode));
        Assert.Contains("chief@hmi-prisons.example\tAdmin,ChiefInspector\thmi-prisons", list.Output, StringComparison.Ordinal);
        Assert.Contains("chief@hmi-prisons.example\tChiefInspector\thmi-prisons", after.Output, StringComparison.Ordinal);
        using var connection = TestDatabase.Open(connectionString);
        var audit = connection.Query<(string Actor, string Action, string Subject)>("SELECT actor, action, subject FROM audit_log ORDER BY id").ToList();
        Assert.Equal(["staff.grant", "staff.grant", "staff.revoke"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.StartsWith("command-line (", a.Actor, StringComparison.Ordinal));
        Assert.All(audit, a => Assert.Equal("staff:chief@hmi-prisons.example", a.Subject));
    }

    [Fact]
    public async Task An_unknown_role_is_refused_naming_the_roles_and_nothing_changes()
    {
        var run = await RunAsync("staff", "grant", "--email", "someone@example.org", "--role", "Boss");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'Boss' not recognized", run.Error, StringComparison.Ordinal);
        Assert.Contains("ChiefInspector", run.Error, StringComparison.Ordinal);
        using var connection = TestDatabase.Open(connectionString);
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM staff_member"));
    }

    [Fact]
    public async Task Revoking_a_role_nobody_has_says_so()
    {
        var run = await RunAsync("staff", "revoke", "--email", "nobody@example.org");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nothing changed", run.Error, StringComparison.Ordinal);
    }

    private Task<PortalRun> RunAsync(params string[] arguments) =>
        PortalProcess.RunAsync(
            folder,
            new Dictionary<string, string> { ["ConnectionStrings__Portal"] = connectionString, ["Logging__LogLevel__Default"] = "Warning" },
            arguments);
}
