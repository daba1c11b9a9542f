using JointInspection.TestSupport;

namespace JointInspection.Tests.Site;

/// <summary>What an operator sees when the portal cannot start: the real app, as a process.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-startup-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
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
            ("ConnectionStrings__Portal", $"Data Source={Path.Combine(folder, "portal.db")}"),
            ("Consultation__OpensAt", "2027-02-18T00:00:00Z"),
            ("Consultation__ClosesAt", "2026-12-01T00:00:00Z"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up stopped: Consultation:ClosesAt must be after Consultation:OpensAt", line, StringComparison.Ordinal);
    }

    private Task<PortalRun> RunPortalAsync(params (string Name, string Value)[] environment) =>
        PortalProcess.RunAsync(folder, environment.ToDictionary(e => e.Name, e => e.Value));
}
