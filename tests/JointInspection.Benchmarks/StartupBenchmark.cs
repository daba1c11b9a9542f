using System.Diagnostics;
using System.Runtime.InteropServices;
using JointInspection.TestSupport;

namespace JointInspection.Benchmarks;

/// <summary>
/// Start-up to the first 200 on an existing database: the portal published as the README says (Release, for this
/// machine's runtime, so compiled ahead of time) and started as its own process, pinned like the server in the other
/// runs, timed from launch until the start page answers. The first start creates and migrates the database and is not
/// counted.
/// </summary>
internal static class StartupBenchmark
{
    private const int TimedStarts = 5;

    public static async Task<int> RunAsync()
    {
        // This process only waits and asks: it moves to the load core, as wrk runs there, so that its polling does not
        // take time from the portal's core while the portal starts.
        if (OperatingSystem.IsLinux())
        {
            using var self = Process.GetCurrentProcess();
            self.ProcessorAffinity = 1 << int.Parse(Program.LoadCore, System.Globalization.CultureInfo.InvariantCulture);
        }

        var folder = Directory.CreateTempSubdirectory("ji-startup-benchmark-");
        try
        {
            var app = await Repository.PublishPortalAsync(folder.FullName, RuntimeInformation.RuntimeIdentifier);
            var database = Path.Combine(folder.FullName, "portal.db");
            await StartAsync(app, database);
            var times = new List<double>();
            for (var i = 0; i < TimedStarts; i++)
            {
                times.Add(await StartAsync(app, database));
            }

            times.Sort();
            var median = times[times.Count / 2];
            Program.Print($"start-up to first 200 on an existing database   median {median,7:F0} ms   (of {TimedStarts}: {string.Join(", ", times.Select(t => $"{t:F0}"))} ms)   target < 1000 ms: {(median < 1000 ? "met" : "NOT met")}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return 0;
    }

    /// <summary>Starts the app, returns the milliseconds until GET / answers 200, and stops it.</summary>
    private static async Task<double> StartAsync(string app, string database)
    {
        var port = MailSupport.FreePort();
        var start = new ProcessStartInfo("taskset", ["-c", Program.ServerCore, "dotnet", app])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Portal__PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={database}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The portal exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
                }

                try
                {
                    using var response = await client.GetAsync("/");
                    if (response.IsSuccessStatusCode)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(5);
            }

            throw new TimeoutException("The portal did not answer within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
