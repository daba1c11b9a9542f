using System.Text.Json;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Similarity;

/// <summary>
/// The hand-written sample the thresholds were chosen on (labelled-sample.json beside this file): texts in groups that
/// are one idea, and pairs labelled identical (once normalised), template (a campaign's copies, edited a little),
/// paraphrase (the same idea written independently) or unrelated (including neighbouring topics that share words).
/// </summary>
public sealed record LabelledSample(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<LabelledPair> Pairs)
{
    private static readonly Lazy<LabelledSample> Loaded = new(Load);

    public static LabelledSample Instance => Loaded.Value;

    private static LabelledSample Load()
    {
        using var file = File.OpenRead(Path.Combine(Repository.Root(), "tests", "JointInspection.Tests", "Similarity", "labelled-sample.json"));
        using var json = JsonDocument.Parse(file);
        var texts = json.RootElement.GetProperty("texts").EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("text").GetString()!);
        var pairs = json.RootElement.GetProperty("pairs").EnumerateArray()
            .Select(p => new LabelledPair(p.GetProperty("a").GetString()!, p.GetProperty("b").GetString()!, p.GetProperty("label").GetString()!))
            .ToList();
        return new LabelledSample(texts, pairs);
    }
}

public sealed record LabelledPair(string A, string B, string Label);

/// <summary>Precision and recall of one tier's call on the sample's pairs, as the tests print them.</summary>
public sealed record TierScore(string Tier, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public override string ToString() =>
        $"{Tier}: precision {Precision:P1}, recall {Recall:P1} ({TruePositives} found, {FalsePositives} wrongly, {FalseNegatives} missed)";

    /// <summary>Scores <paramref name="called"/> against the pairs whose label is one of <paramref name="positive"/>.</summary>
    public static TierScore Of(string tier, IEnumerable<LabelledPair> pairs, Func<LabelledPair, bool> called, params string[] positive)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var pair in pairs)
        {
            var isPositive = positive.Contains(pair.Label);
            var said = called(pair);
            if (said && isPositive)
            {
                tp++;
            }
            else if (said)
            {
                fp++;
            }
            else if (isPositive)
            {
                fn++;
            }
        }

        return new TierScore(tier, tp, fp, fn);
    }
}
