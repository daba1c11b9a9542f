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

    // Each server is measured this many times, in turn with the others.
    private const int Rounds = 2;

    public static async Task<int> ReadingAsync()
    {
        await using var portal = new BenchmarkPortal();
        portal.StartServer();
        Program.PrintDatabase(portal.Services.GetRequiredService<Database>());
        using (var client = new HttpClient { BaseAddress = portal.BaseAddress })
        {
            await CaptureAsync(client, portal.Fixed, "/programmes/2021-23", "html");
            await CaptureAsync(client, portal.Fixed, "/api/v1/programme", "json");
        }

        await using var minimal = await MinimalKestrel.StartAsync(portal.Fixed.Captured);
        var page = await CompareAsync(portal, "/programmes/2021-23", "html", minimal);
        Report("programme page (HTML), requests/s", page, 0.8);
        Program.Print($"programme page p99 latency {page.Page.P99Ms,8:F2} ms   (p50 {page.Page.P50Ms:F2} ms; minimal Kestrel p99 {page.Minimal!.P99Ms:F2} ms)   target ≤ 25 ms: {Verdict(page.Page.P99Ms <= 25)}");
        Program.Print($"peak working set of the portal's process by the end of the programme-page runs {page.PeakWorkingSet / (1024.0 * 1024):F0} MB   target ≤ 250 MB: {Verdict(page.PeakWorkingSet <= 250L * 1024 * 1024)}");

        var api = await CompareAsync(portal, "/api/v1/programme", "json", minimal);
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
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(responses);
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        responses.Set(name, CapturedResponse.From(path, response, await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>
    /// Warms each server up, then measures them in turn, <see cref="Rounds"/> times over, so that a change in the
    /// machine's load falls on all of them alike: the separate minimal Kestrel process (when given), the page, the
    /// in-pipeline fixed endpoint and the bare bytes.
    /// </summary>
    public static async Task<Comparison> CompareAsync(BenchmarkPortal portal, string path, string fixedName, MinimalKestrel? minimal = null)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var pageUrl = new Uri(portal.BaseAddress, path);
        var fixedUrl = new Uri(portal.BaseAddress, $"/benchmark/fixed/{fixedName}");
        var bareUrl = new Uri(portal.BaseAddress, $"/benchmark/bare/{fixedName}");
        var minimalUrl = minimal is null ? null : new Uri(minimal.BaseAddress, path);
        Uri[] urls = minimalUrl is null ? [pageUrl, fixedUrl, bareUrl] : [minimalUrl, pageUrl, fixedUrl, bareUrl];
        foreach (var url in urls)
        {
            await Wrk.RunAsync(url, WarmUp);
        }

        var runs = urls.ToDictionary(url => url, _ => new List<WrkResult>());
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var url in urls)
            {
                runs[url].Add(await Wrk.RunAsync(url, Measure));
            }
        }

        // The kernel's high-water mark of the process's resident memory (VmHWM), read once: sampling it during the
        // runs would cost the portal's core time the other servers do not pay.
        using var process = Process.GetCurrentProcess();
        return new Comparison(
            WrkResult.Mean(runs[pageUrl]), WrkResult.Mean(runs[fixedUrl]), WrkResult.Mean(runs[bareUrl]),
            minimalUrl is null ? null : WrkResult.Mean(runs[minimalUrl]), process.PeakWorkingSet64);
    }

    /// <summary>
    /// The page against its ceiling: the separate minimal Kestrel process when it was measured, else the in-pipeline
    /// fixed endpoint; the other references on the line below.
    /// </summary>
    public static void Report(string figure, Comparison comparison, double target)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var (page, inPipeline, bare, minimal, _) = comparison;
        var failures = page.Non2xx > 0 ? $"   {page.Non2xx:N0} NON-2xx" : "";
        var (ceilingName, ceiling) = minimal is null ? ("same bytes from a fixed endpoint", inPipeline) : ("minimal Kestrel, own process", minimal);
        var ratio = page.RequestsPerSecond / ceiling.RequestsPerSecond;
        Program.Print($"{figure,-40} {page.RequestsPerSecond,10:F0}   ceiling ({ceilingName}) {ceiling.RequestsPerSecond,10:F0}   ratio {ratio,5:F2}   target ≥ {target}: {Verdict(ratio >= target && page.Non2xx == 0)}{failures}");
        Program.Print($"  for reference, the same bytes inside the portal's process: from a fixed endpoint through the whole pipeline {inPipeline.RequestsPerSecond:F0} requests/s (page ratio {page.RequestsPerSecond / inPipeline.RequestsPerSecond:F2}), from the host ahead of the pipeline {bare.RequestsPerSecond:F0} (page ratio {page.RequestsPerSecond / bare.RequestsPerSecond:F2})");
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

    /// <summary>Each server's mean over the rounds. Ratio is the page's to the in-pipeline fixed endpoint.</summary>
    public sealed record Comparison(WrkResult Page, WrkResult Ceiling, WrkResult Bare, WrkResult? Minimal, long PeakWorkingSet)
    {
        public double Ratio => Page.RequestsPerSecond / Ceiling.RequestsPerSecond;
    }
}
