using System.Diagnostics;
using System.Text;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Benchmarks;

/// <summary>
/// Staff exports of 100,000 submissions (<see cref="QueueSeed"/>), CSV then XLSX, each asked for through
/// <see cref="ExportJobStore.RequestAsync"/> and written by the portal's own background <see cref="ExportRunner"/>, timed
/// from the request to the job's "done". Memory is the peak working set while the export runs less the working set just
/// before it (sampled every 5 ms; what the process really needed on top), and, apart, the bytes the GC allocated
/// meanwhile (churn, not held). The ceiling: the same rows, as the same strings already read into memory, written to
/// /dev/null as comma-separated text with no quoting, escaping, zipping or database: what writing that much text costs.
/// </summary>
internal static class ExportBenchmark
{
    private const int Submissions = 100_000;
    private const double CsvTargetSeconds = 3;
    private const double CsvTargetMegabytes = 100;
    private const double XlsxTargetSeconds = 15;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ji-export-benchmark-");
        try
        {
            await using var portal = new BenchmarkPortal();
            portal.Settings["Exports:Path"] = folder.FullName;
            var services = portal.Services;
            var seeding = Stopwatch.StartNew();
            QueueSeed.Insert(services.GetRequiredService<Database>(), Submissions);
            Program.Print($"seeded {Submissions:N0} submissions in {seeding.Elapsed.TotalSeconds:F1} s");

            var csv = await ExportAsync(services, ExportFormats.Csv);
            var xlsx = await ExportAsync(services, ExportFormats.Xlsx);
            var ceiling = await CeilingAsync(services);

            Program.Print($"export to CSV  of {csv.Rows:N0} submissions {csv.Seconds,6:F2} s   ceiling (same strings, already read, to /dev/null) {ceiling,5:F2} s   ratio {csv.Seconds / ceiling,5:F1}   target ≤ {CsvTargetSeconds} s: {Verdict(csv.Seconds <= CsvTargetSeconds)}");
            Program.Print($"  memory: peak working set +{csv.PeakMegabytes:F0} MB   target ≤ {CsvTargetMegabytes} MB: {Verdict(csv.PeakMegabytes <= CsvTargetMegabytes)}   (GC allocated {csv.AllocatedMegabytes:F0} MB meanwhile; file {csv.FileMegabytes:F1} MB)");
            Program.Print($"export to XLSX of {xlsx.Rows:N0} submissions {xlsx.Seconds,6:F2} s   ceiling (same strings, already read, to /dev/null) {ceiling,5:F2} s   ratio {xlsx.Seconds / ceiling,5:F1}   target ≤ {XlsxTargetSeconds} s: {Verdict(xlsx.Seconds <= XlsxTargetSeconds)}");
            Program.Print($"  memory: peak working set +{xlsx.PeakMegabytes:F0} MB (no target)   (GC allocated {xlsx.AllocatedMegabytes:F0} MB meanwhile; file {xlsx.FileMegabytes:F1} MB)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }

        return 0;
    }

    private sealed record Run(long Rows, double Seconds, double PeakMegabytes, double AllocatedMegabytes, double FileMegabytes);

    private static async Task<Run> ExportAsync(IServiceProvider services, string format)
    {
        var jobs = services.GetRequiredService<ExportJobStore>();
        var runner = services.GetRequiredService<ExportRunner>();
        var (before, sampling, peak) = WatchMemory();
        using var stopping = sampling;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var clock = Stopwatch.StartNew();
        var asked = await jobs.RequestAsync(Staff.Secretariat, "", format, CancellationToken.None);
        var queued = asked as ExportRequestResult.Queued ?? throw new InvalidOperationException($"The export was refused: {asked}");
        services.GetRequiredService<ExportSignal>().Wake();
        var job = await runner.WhenFinishedAsync(queued.Job.Id, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (job.State != ExportStates.Done)
        {
            throw new InvalidOperationException($"The {format} export failed: {job.Error}");
        }

        return new(job.RowsDone, seconds, (await peak - before) / 1e6, allocated / 1e6, new FileInfo(job.FilePath!).Length / 1e6);
    }

    /// <summary>
    /// The working set once everything collectable is collected, and from then the largest, sampled every 5 ms until
    /// the source returned is cancelled: memory a piece of work adds is the peak less the first.
    /// </summary>
    public static (long Before, CancellationTokenSource Stop, Task<long> Peak) WatchMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var stop = new CancellationTokenSource();
        return (before, stop, Task.Run(() => PeakWorkingSet(stop.Token)));
    }

    /// <summary>The process's largest working set, sampled every 5 ms until <paramref name="stop"/>.</summary>
    public static long PeakWorkingSet(CancellationToken stop)
    {
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            Thread.Sleep(5);
        }

        return peak;
    }

    /// <summary>The same rows as the same strings, read first (untimed), then written to /dev/null.</summary>
    private static async Task<double> CeilingAsync(IServiceProvider services)
    {
        var rows = new List<string[]>(Submissions);
        var reading = Stopwatch.StartNew();
        await foreach (var cells in services.GetRequiredService<ExportRows>().ReadAsync(new TriageFilter(), CancellationToken.None))
        {
            rows.Add(cells);
        }

        Program.Print($"  reading the rows alone (ExportRows, into memory): {reading.Elapsed.TotalSeconds:F2} s");

        var clock = Stopwatch.StartNew();
        await using (var devNull = new StreamWriter(new FileStream("/dev/null", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16), new UTF8Encoding(false)))
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0)
                    {
                        devNull.Write(',');
                    }

                    devNull.Write(row[i]);
                }

                devNull.Write('\n');
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";
}
