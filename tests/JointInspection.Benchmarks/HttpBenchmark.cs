using System.Diagnostics;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Benchmarks;

/// <summary>
/// The portal's busiest moments over HTTP: many readers of the programme the day it opens, and many submissions in
/// its last hours. Each figure is printed beside a ceiling measured in the same run, on the same machine.
/// </summary>
internal static class HttpBenchmark
{
    // Long enough for .NET to finish optimising the request path: on one core its background compiler gets little time.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(10);

    public static async Task<int> ReadingAsync()
    {
        await using var portal = new BenchmarkPortal();
        portal.StartServer();
        Program.PrintDatabase(portal.Services.GetRequiredService<Database>());
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        await CaptureAsync(client, portal.Fixed, "/programmes/2021-23", "html");
        await CaptureAsync(client, portal.Fixed, "/api/v1/programme", "json");

        var page = await CompareAsync(portal, "/programmes/2021-23", "html", sampleMemory: true);
        Report("programme page (HTML), requests/s", page, 0.8);
        Program.Print($"programme page p99 latency {page.Page.P99Ms,8:F2} ms   (p50 {page.Page.P50Ms:F2} ms; fixed endpoint p99 {page.Ceiling.P99Ms:F2} ms)   target ≤ 25 ms: {Verdict(page.Page.P99Ms <= 25)}");
        Program.Print($"peak working set during the programme-page run {page.PeakWorkingSet / (1024.0 * 1024):F0} MB   target ≤ 250 MB: {Verdict(page.PeakWorkingSet <= 250L * 1024 * 1024)}");

        var api = await CompareAsync(portal, "/api/v1/programme", "json", sampleMemory: false);
        Report("GET /api/v1/programme, requests/s", api, 0.8);
        return 0;
    }

    public static async Task<int> SubmittingAsync()
    {
        await using var portal = new BenchmarkPortal();
        portal.StartServer();
        var body = JsonSerializer.Serialize(SampleSubmissions.Response("The programme should look harder at remand.", "load@example.org"));
        using (var client = new HttpClient { BaseAddress = portal.BaseAddress })
        {
            using var first = await client.PostAsync("/api/v1/submissions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            first.EnsureSuccessStatusCode();
        }

        var database = portal.Services.GetRequiredService<Database>();
        Program.PrintDatabase(database);
        var script = Path.Combine(Path.GetTempPath(), $"ji-post-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, PostScript(body));
        try
        {
            // Both are warmed up as the reading figures are, so neither is measured while .NET is still compiling it.
            var submissionsUrl = new Uri(portal.BaseAddress, "/api/v1/submissions");
            await Wrk.RunAsync(submissionsUrl, WarmUp, script);
            RawInserts.PerSecond(database, Measure);
            var raw = RawInserts.PerSecond(database, Measure);

            var before = Count(database);
            var load = await Wrk.RunAsync(submissionsUrl, Measure, script);
            // Requests still in flight when wrk stops may commit after it has gone; let them finish before counting.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var stored = Count(database) - before;
            var rate = load.Created / Measure.TotalSeconds;
            Program.Print($"POST /api/v1/submissions, submissions/s {rate,10:F0}   ceiling ({RawInserts.Describe(database)}, same rows, one transaction each) {raw,8:F0}   ratio {rate / raw,5:F2}   target ≥ 0.5: {Verdict(rate / raw >= 0.5)}");
            Program.Print($"  {load.Created:N0} answered 201, {load.Non2xx:N0} refused, {stored:N0} stored: {(stored >= load.Created ? "nothing lost" : $"{load.Created - stored:N0} LOST")}; p99 {load.P99Ms:F1} ms");
        }
        finally
        {
            File.Delete(script);
        }

        return 0;
    }

    private static long Count(Database database)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM submission");
    }

    public static async Task CaptureAsync(HttpClient client, FixedResponses responses, string path, string name)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        responses.Set(name, response, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// Warms all three up, then measures the bare bytes, the ceiling and the page in turn, sampling the process's memory
    /// during the page run.
    /// </summary>
    public static async Task<Comparison> CompareAsync(BenchmarkPortal portal, string path, string fixedName, bool sampleMemory)
    {
        var pageUrl = new Uri(portal.BaseAddress, path);
        var fixedUrl = new Uri(portal.BaseAddress, $"/benchmark/fixed/{fixedName}");
        var bareUrl = new Uri(portal.BaseAddress, $"/benchmark/bare/{fixedName}");
        foreach (var url in new[] { pageUrl, fixedUrl, bareUrl })
        {
            await Wrk.RunAsync(url, WarmUp);
        }

        var bare = await Wrk.RunAsync(bareUrl, Measure);
        var ceiling = await Wrk.RunAsync(fixedUrl, Measure);
        using var stop = new CancellationTokenSource();
        var sampler = sampleMemory ? SamplePeakWorkingSetAsync(stop.Token) : Task.FromResult(0L);
        var page = await Wrk.RunAsync(pageUrl, Measure);
        await stop.CancelAsync();
        return new Comparison(page, ceiling, bare, await sampler);
    }

    private static async Task<long> SamplePeakWorkingSetAsync(CancellationToken stop)
    {
        using var process = Process.GetCurrentProcess();
        var peak = 0L;
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }

    public static void Report(string figure, Comparison comparison, double target)
    {
        var (page, ceiling, bare, _) = comparison;
        var ratio = comparison.Ratio;
        var failures = page.Non2xx > 0 ? $"   {page.Non2xx:N0} NON-2xx" : "";
        Program.Print($"{figure,-40} {page.RequestsPerSecond,10:F0}   ceiling (same bytes from a fixed endpoint) {ceiling.RequestsPerSecond,10:F0}   ratio {ratio,5:F2}   target ≥ {target}: {Verdict(ratio >= target && page.Non2xx == 0)}{failures}");
        Program.Print($"  for reference: the same bytes from Kestrel alone, ahead of the pipeline, {bare.RequestsPerSecond:F0} requests/s (page ratio {page.RequestsPerSecond / bare.RequestsPerSecond:F2})");
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    /// <summary>wrk posts the JSON body on every request and counts the 201s across its threads.</summary>
    private static string PostScript(string body) => $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = {{LuaString(body)}}
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) created = 0 end
        function response(status, headers, body) if status == 201 then created = created + 1 end end
        function done(summary, latency, requests)
          local total = 0
          for _, thread in ipairs(threads) do total = total + thread:get("created") end
          io.write(string.format("created %d\n", total))
        end
        """;

    private static string LuaString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    public sealed record Comparison(WrkResult Page, WrkResult Ceiling, WrkResult Bare, long PeakWorkingSet)
    {
        public double Ratio => Page.RequestsPerSecond / Ceiling.RequestsPerSecond;
    }
}
