using System.Diagnostics;

namespace JointInspection.TestSupport;

public sealed record PortalRun(int ExitCode, string Output, string Error);

/// <summary>
/// The portal's own build run as a separate process, as an operator runs it: for start-up refusals and
/// the command line, where what is printed and the exit code are the behaviour under test.
/// </summary>
public static class PortalProcess
{
    /// <summary>Runs the portal (in the "Testing" environment at http://127.0.0.1/, on the run's kind of database, unless the environment says otherwise) and waits for it to stop by itself (up to TestPatience.SafetyNet).</summary>
    public static Task<PortalRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunBuildAsync(AppContext.BaseDirectory, workingDirectory, environment, arguments);

    /// <summary>As <see cref="RunAsync"/>, but the portal built into <paramref name="buildFolder"/> (a Release publish, say).</summary>
    public static async Task<PortalRun> RunBuildAsync(string buildFolder, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(buildFolder, workingDirectory, environment, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestPatience.SafetyNet);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The portal did not stop within {TestPatience.SafetyNet}. It printed: {await output}");
        }

        return new PortalRun(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the portal as <see cref="RunAsync"/> does and returns it running, its output readable line by line; the
    /// caller kills it (dispose the process after Kill).
    /// </summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment) =>
        Process.Start(StartInfo(AppContext.BaseDirectory, workingDirectory, environment, []))!;

    private static ProcessStartInfo StartInfo(string buildFolder, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(buildFolder, "JointInspection.Web.dll"), .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Portal__PublicBaseUrl"] = "http://127.0.0.1/";
        // On a PostgreSQL run the process is on PostgreSQL too, as the test portals are: the test gives it a database
        // of the run's server (TestDatabase.CreatePostgreSqlAsync, or a test portal's ConnectionString).
        if (TestDatabase.IsPostgreSql)
        {
            start.Environment["Database__Provider"] = "postgresql";
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
