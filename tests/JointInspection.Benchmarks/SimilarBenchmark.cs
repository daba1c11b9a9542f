using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Dapper;
using JointInspection.Web.Features.Similarity;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JointInspection.Benchmarks;

/// <summary>
/// "Similar topics" at 100,000 submissions: a new text read for meaning, then the closest workstreams
/// (<see cref="SimilarWork"/>) and the round's closest submissions (<see cref="SubmissionVectors"/>), as a suggester's
/// scope page and a triager's assessment page ask for them. The submissions' vectors are synthetic (random unit vectors,
/// written straight into submission_embedding): reading 100,000 texts would take the model hours, and the
/// search costs the same whatever the vectors hold. The ceiling is the model alone on the same text plus a plain scan of
/// the same 100,000 vectors held in one contiguous array. The runner is switched off, so nothing else runs meanwhile.
/// </summary>
internal static class SimilarBenchmark
{
    private const int Submissions = 100_000;
    private const int WarmUpRuns = 20;
    private const int TimedRuns = 200;
    private const int Take = 5;
    private const double TargetMedianMs = 50;

    public static async Task<int> RunAsync()
    {
        await using var portal = new BenchmarkPortal();
        portal.Settings["Similarity:Enabled"] = "false";
        portal.Settings["Similarity:Embeddings"] = "true";
        var services = portal.Services;
        var database = services.GetRequiredService<Database>();
        var model = services.GetRequiredService<SentenceEmbeddings>();
        var similar = services.GetRequiredService<SimilarWork>();
        var vectors = services.GetRequiredService<SubmissionVectors>();
        var threshold = services.GetRequiredService<IOptions<SimilarityOptions>>().Value.SimilarTopicThreshold;

        var seeding = Stopwatch.StartNew();
        QueueSeed.Insert(database, Submissions);
        var (round, ids, all) = InsertRandomVectors(database);
        Program.Print($"seeded {Submissions:N0} submissions, each with a random unit vector (synthetic: no text was read), in {seeding.Elapsed.TotalSeconds:F1} s");

        var generator = new ConsultationTexts(seed: 50);
        var texts = Enumerable.Range(0, 1 + WarmUpRuns + TimedRuns).Select(_ => generator.Distinct()).ToArray();
        async Task<(int Workstreams, int Submissions)> AskAsync(string text)
        {
            var vector = model.Embed(text) ?? throw new InvalidOperationException("The model read nothing of: " + text);
            var workstreams = await similar.WorkstreamsLikeAsync(vector, Take, CancellationToken.None);
            var closest = await vectors.ClosestAsync(round, vector, null, Take, threshold, CancellationToken.None);
            return (workstreams.Count, closest.Count);
        }

        // The first ask loads the model, reads every workstream for meaning and the round's 100,000 vectors from the database.
        var cold = Stopwatch.StartNew();
        var found = await AskAsync(texts[0]);
        Program.Print($"first (cold) call {cold.Elapsed.TotalMilliseconds:F0} ms: loads the model, reads the workstreams for meaning and the round's {ids.Length:N0} vectors from the database");

        var portalMs = new double[TimedRuns];
        var ceilingMs = new double[TimedRuns];
        var scores = new float[ids.Length];
        for (var i = -WarmUpRuns; i < TimedRuns; i++)
        {
            var text = texts[1 + WarmUpRuns + i];
            var start = Stopwatch.GetTimestamp();
            found = await AskAsync(text);
            var asked = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            Scan(model.Embed(text)!, all, scores);
            var scanned = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= 0)
            {
                (portalMs[i], ceilingMs[i]) = (asked, scanned);
            }
        }

        var (median, p95) = Timings.Percentiles(portalMs);
        var (ceiling, ceilingP95) = Timings.Percentiles(ceilingMs);
        Program.Print($"similar topics at {Submissions:N0} (embed + closest workstreams + closest submissions) median {median,6:F1} ms  p95 {p95,6:F1} ms   ceiling (embedding + contiguous scan) {ceiling,6:F1} ms  p95 {ceilingP95,6:F1} ms   ratio {median / ceiling,5:F2}   target ≤ {TargetMedianMs} ms median: {(median <= TargetMedianMs ? "met" : "NOT met")}");
        Program.Print($"  last ask found {found.Workstreams} workstreams and {found.Submissions} submissions at or above {threshold} (random vectors are all far from a real text's)");

        // Where the time goes: each step alone, on one text's vector; and the assessment page's own call, which starts
        // from the submission's stored vector and so runs no model.
        var known = model.Embed(texts[0])!;
        await ReferenceAsync("the model alone (Embed)", () => Task.FromResult(model.Embed(texts[0])));
        await ReferenceAsync("closest workstreams alone (SimilarWork.WorkstreamsLikeAsync)", () => similar.WorkstreamsLikeAsync(known, Take, CancellationToken.None));
        await ReferenceAsync("closest submissions alone (SubmissionVectors.ClosestAsync)", () => vectors.ClosestAsync(round, known, null, Take, threshold, CancellationToken.None));
        await ReferenceAsync("the contiguous scan alone", () => Task.FromResult(Scan(known, all, scores)));
        await ReferenceAsync("the assessment page's LikeSubmissionAsync (stored vector, no model)", () => similar.LikeSubmissionAsync(ids[ids.Length / 2], round, Take, CancellationToken.None));
        return 0;
    }

    private static async Task ReferenceAsync(string what, Func<Task> run)
    {
        var (median, p95) = await Timings.TimeAsync(run, WarmUpRuns, TimedRuns);
        Program.Print($"  for reference, {what}: median {median:F1} ms  p95 {p95:F1} ms");
    }

    /// <summary>A random unit vector for every submission, written in one transaction, and the same vectors in one array.</summary>
    private static (long Round, long[] Ids, float[] All) InsertRandomVectors(Database database)
    {
        var random = new Random(384);
        using var connection = (SqliteConnection)database.Open();
        var round = connection.ExecuteScalar<long>("SELECT min(id) FROM programme_round");
        var ids = connection.Query<long>("SELECT id FROM submission WHERE round_id = @round ORDER BY id", new { round }).ToArray();
        var all = new float[ids.Length * SentenceEmbeddings.Dimensions];
        using var transaction = connection.BeginWrite();
        using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = "INSERT INTO submission_embedding (submission_id, model, vector, embedded_at) VALUES ($id, $model, $vector, $now)";
        var id = insert.Parameters.Add(new SqliteParameter("$id", 0L));
        var vector = insert.Parameters.Add(new SqliteParameter("$vector", Array.Empty<byte>()));
        insert.Parameters.AddWithValue("$model", SentenceEmbeddings.Model);
        insert.Parameters.AddWithValue("$now", DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow));
        insert.Prepare();
        for (var i = 0; i < ids.Length; i++)
        {
            var one = all.AsSpan(i * SentenceEmbeddings.Dimensions, SentenceEmbeddings.Dimensions);
            for (var d = 0; d < one.Length; d++)
            {
                // Normally distributed components, so that the direction is uniform on the sphere.
                one[d] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            }

            TensorPrimitives.Divide(one, TensorPrimitives.Norm(one), one);
            id.Value = ids[i];
            vector.Value = MemoryMarshal.AsBytes(one).ToArray();
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return (round, ids, all);
    }

    /// <summary>Every vector's dot product with the text's (their cosine similarity, as all are unit length), then the best few.</summary>
    private static int Scan(float[] vector, float[] all, float[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(vector, all.AsSpan(i * SentenceEmbeddings.Dimensions, SentenceEmbeddings.Dimensions));
        }

        var best = 0;
        for (var k = 0; k < Take; k++)
        {
            best = TensorPrimitives.IndexOfMax(scores);
            scores[best] = float.MinValue;
        }

        return best;
    }
}
