using System.Diagnostics;

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
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
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
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up stopped: Consultation:ClosesAt must be after Consultation:OpensAt", line, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string StandardError)> RunPortalAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "JointInspection.Web.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The portal did not stop within a minute. Output: {await standardOutput}");
        }

        return (process.ExitCode, await standardError);
    }
}
