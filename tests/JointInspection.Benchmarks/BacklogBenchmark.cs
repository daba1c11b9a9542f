using System.Diagnostics;
using Dapper;
using JointInspection.Web.Features.Similarity;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Benchmarks;

/// <summary>
/// A backlog of 100,000 submissions grouped by the portal's own <see cref="SimilarityRunner"/>, as after switching the
/// feature on over an existing database: made-up consultation responses (<see cref="ConsultationTexts"/>), 40% of them
/// copies of 20 campaign letters, some edited. First the copy and template tiers for all of them, with the model off,
/// timed from the wake until the runner is idle (<see cref="SimilarityRunner.WhenIdleAsync"/>), beside the ceiling of
/// working out the same texts' prints in memory with no database. Then a second portal on the same database, with the
/// model on: reading every text for meaning takes hours, so the first 2,000 are timed and the whole
/// extrapolated; and the programme page is measured as the reading benchmark does, with the runner idle and again while
/// it reads the backlog, so the two ratios show what the model's work costs the people reading the programme.
/// </summary>
internal static class BacklogBenchmark
{
    private const int Submissions = 100_000;
    private const int Sample = 2_000;
    private const string Page = "/programmes/2021-23";

    public static async Task<int> RunAsync()
    {
        await using var grouping = new BenchmarkPortal();
        Quiet(grouping, embeddings: false);
        var database = grouping.Services.GetRequiredService<Database>();
        var seeding = Stopwatch.StartNew();
        QueueSeed.Insert(database, Submissions, new ConsultationTexts(seed: 100));
        Program.Print($"seeded {Submissions:N0} submissions (made-up responses, {ConsultationTexts.CampaignShare * 100:F0}% copies of {ConsultationTexts.Campaigns} campaign letters) in {seeding.Elapsed.TotalSeconds:F1} s");

        await CopiesAndTemplatesAsync(grouping.Services, database);
        await ReadingForMeaningAsync(grouping.ConnectionString, database);
        return 0;
    }

    /// <summary>
    /// The runner polls hourly, so it works only when the benchmark wakes it; request logging is already off, and the
    /// runner's own warnings are kept.
    /// </summary>
    private static void Quiet(BenchmarkPortal portal, bool embeddings)
    {
        portal.Settings["Similarity:Enabled"] = "true";
        portal.Settings["Similarity:Embeddings"] = embeddings ? "true" : "false";
        portal.Settings["Similarity:Poll"] = "01:00:00";
    }

    private static async Task CopiesAndTemplatesAsync(IServiceProvider services, Database database)
    {
        var runner = services.GetRequiredService<SimilarityRunner>();
        var (before, sampling, peak) = ExportBenchmark.WatchMemory();
        using var stopping = sampling;

        var clock = Stopwatch.StartNew();
        await runner.WhenIdleAsync(CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        var extra = (await peak - before) / 1e6;

        var ceiling = PrintsInMemory(database);
        Program.Print($"copies and templates (tiers 1 and 2) for {Submissions:N0}: {seconds,7:F1} s, {Submissions / seconds,6:F0} texts/s   ceiling (the same texts' prints worked out in memory, no database) {ceiling,5:F1} s   ratio {seconds / ceiling,5:F1}   (no target)");
        Program.Print($"  memory: peak working set +{extra:F0} MB (sampled every 5 ms)");
        Program.Print($"  {Groups(database)}");
    }

    /// <summary>TextPrint.Of for every submission's text, read first (untimed): the tiers' own work without a database.</summary>
    private static double PrintsInMemory(Database database)
    {
        using var connection = database.Open();
        var texts = connection.Query<(long Id, long Round, string? Title, string Body, string? Reason)>(
            "SELECT id, round_id, title, body_text, reason_text FROM submission")
            .Select(r => SubmissionText.Of(r.Id, r.Round, r.Title, r.Body, r.Reason).Text)
            .ToList();
        var clock = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            TextPrint.Of(text);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static string Groups(Database database)
    {
        using var connection = database.Open();
        var kinds = connection.Query<(string Kind, long Groups, long Members)>(
            """
            SELECT g.kind, count(DISTINCT g.id), count(m.submission_id)
              FROM similarity_group g LEFT JOIN similarity_group_member m ON m.group_id = g.id
             GROUP BY g.kind ORDER BY g.kind
            """).ToList();
        return $"groups proposed: {kinds.Sum(k => k.Groups):N0} ({string.Join(", ", kinds.Select(k => $"{k.Groups:N0} {k.Kind} with {k.Members:N0} members"))})";
    }

    private static async Task ReadingForMeaningAsync(string connectionString, Database database)
    {
        // Every submission marked as read (with no vector) first, so that the second portal's runner starts with
        // nothing to do and the programme page can be measured with it idle, the model loaded.
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO submission_embedding (submission_id, model, vector, embedded_at) SELECT id, @model, NULL, @now FROM submission",
                new { model = SentenceEmbeddings.Model, now = DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow) });
        }

        await using var reading = new BenchmarkPortal(connectionString);
        Quiet(reading, embeddings: true);
        reading.StartServer();
        var services = reading.Services;
        var runner = services.GetRequiredService<SimilarityRunner>();
        var vectors = services.GetRequiredService<SubmissionVectors>();
        await runner.WhenIdleAsync(CancellationToken.None);
        if (services.GetRequiredService<SentenceEmbeddings>().Failure is { } failure)
        {
            Program.Print($"reading for meaning: the model is off ({failure}); nothing more to measure");
            return;
        }

        using (var client = new HttpClient { BaseAddress = reading.BaseAddress })
        {
            await HttpBenchmark.CaptureAsync(client, reading.Fixed, Page, "html");
        }

        var idle = await HttpBenchmark.CompareAsync(reading, Page, "html");

        // The marks taken away at once: the whole backlog is there to read, and the runner is woken to it.
        var paraphrasesBefore = Paraphrases(database);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM submission_embedding");
        }

        var clock = Stopwatch.StartNew();
        services.GetRequiredService<SimilaritySignal>().Wake();
        long read;
        // The runner's own progress figure (the groups page's "read for meaning"); it has no event for a count reached.
        while ((read = await vectors.ReadCountAsync(CancellationToken.None)) < Sample)
        {
            await Task.Delay(100);
        }

        var sample = clock.Elapsed.TotalSeconds;
        var perText = sample / read;
        Program.Print($"reading for meaning, the first {read:N0} of the backlog: {sample,6:F1} s, {read / sample,5:F1} texts/s, {perText * 1000:F1} ms a text (one model thread)");
        Program.Print($"  EXTRAPOLATED to all {Submissions:N0} at that rate: {Submissions * perText / 60:F0} minutes (not measured); {Paraphrases(database) - paraphrasesBefore:N0} paraphrase matches proposed in the sample");

        var readBefore = await vectors.ReadCountAsync(CancellationToken.None);
        var busyClock = Stopwatch.StartNew();
        var busy = await HttpBenchmark.CompareAsync(reading, Page, "html");
        var readMeanwhile = await vectors.ReadCountAsync(CancellationToken.None) - readBefore;
        HttpBenchmark.Report("programme page, runner idle, requests/s", idle, 0.8);
        HttpBenchmark.Report("programme page, runner reading, requests/s", busy, 0.8);
        Program.Print($"  ratio with the runner reading the backlog {busy.Ratio:F2} against {idle.Ratio:F2} idle; the page {busy.Page.RequestsPerSecond / idle.Page.RequestsPerSecond:F2} of its idle requests/s; p99 {busy.Page.P99Ms:F2} ms against {idle.Page.P99Ms:F2} ms");
        Program.Print($"  the runner read {readMeanwhile:N0} texts meanwhile ({readMeanwhile / busyClock.Elapsed.TotalSeconds:F1} texts/s, against {read / sample:F1} with no requests)");
    }

    private static long Paraphrases(Database database)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM similarity_group_member WHERE tier = @tier", new { tier = SimilarityTiers.Paraphrase });
    }
}
