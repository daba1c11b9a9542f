using JointInspection.Web.Features.Similarity;
using Xunit.Abstractions;

namespace JointInspection.Tests.Similarity;

/// <summary>
/// Normalising and the first two tiers, on their own and on the labelled sample: copies identical once normalised share
/// a fingerprint, a template's copies share most three-word shingles, and independent writing (paraphrases, neighbouring
/// topics) shares almost none. Precision and recall on the sample are printed.
/// </summary>
public sealed class TextPrintTests(ITestOutputHelper output)
{
    private static readonly SimilarityOptions Defaults = new();

    [Theory]
    [InlineData("  Women’s CENTRES,\tsave lives!\n", "women s centres save lives")]
    [InlineData("Café résumé — naïve coöperation", "cafe resume naive cooperation")]
    [InlineData("...  n/a  ...", "n a")]
    [InlineData("", "")]
    public void Normalising_drops_case_accents_punctuation_and_extra_spacing(string text, string expected) =>
        Assert.Equal(expected, TextPrint.Normalise(text));

    [Fact]
    public void Texts_identical_once_normalised_share_a_fingerprint_and_others_do_not()
    {
        var a = TextPrint.Of("Inspect how prisons support people with mental health problems.");
        var b = TextPrint.Of("  inspect HOW prisons support people with mental-health problems ");
        var c = TextPrint.Of("Inspect how prisons support people with learning disabilities.");

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
        Assert.Equal(1.0, TextPrint.Overlap(a.Shingles, b.Shingles));
        Assert.InRange(TextPrint.Overlap(a.Shingles, c.Shingles), 0.01, 0.99);
    }

    [Fact]
    public void Overlap_is_the_share_of_shingles_in_common()
    {
        Assert.Equal(0.4, TextPrint.Overlap([1, 2, 3], [2, 3, 4, 5]), 3);
        Assert.Equal(0, TextPrint.Overlap([], []));
        Assert.Equal(0, TextPrint.Overlap([1], [2]));
    }

    [Fact]
    public void The_sketch_is_the_smallest_shingles_and_a_stored_print_reads_back_the_same()
    {
        var print = TextPrint.Of(string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}")));

        Assert.Equal(TextPrint.SketchSize, print.Sketch.Count);
        Assert.Equal(print.Shingles.Order().Take(TextPrint.SketchSize), print.Sketch);
        Assert.Equal(print.Shingles, TextPrint.ShinglesFrom(print.ShinglesAsBytes()));
    }

    [Fact]
    public void On_the_labelled_sample_the_fingerprint_finds_every_identical_pair_and_nothing_else()
    {
        var sample = LabelledSample.Instance;
        var prints = sample.Texts.ToDictionary(t => t.Key, t => TextPrint.Of(t.Value));

        var score = TierScore.Of(SimilarityTiers.Identical, sample.Pairs, p => prints[p.A].Fingerprint == prints[p.B].Fingerprint, "identical");

        output.WriteLine(score.ToString());
        Assert.Equal((1.0, 1.0), (score.Precision, score.Recall));
    }

    [Fact]
    public void On_the_labelled_sample_the_template_threshold_finds_the_campaigns_copies_and_keeps_independent_writing_apart()
    {
        var sample = LabelledSample.Instance;
        var prints = sample.Texts.ToDictionary(t => t.Key, t => TextPrint.Of(t.Value));
        double Overlap(LabelledPair p) => TextPrint.Overlap(prints[p.A].Shingles, prints[p.B].Shingles);

        var score = TierScore.Of(SimilarityTiers.Template, sample.Pairs, p => Overlap(p) >= Defaults.TemplateThreshold, "identical", "template");

        output.WriteLine(score.ToString());
        foreach (var label in new[] { "identical", "template", "paraphrase", "unrelated" })
        {
            var overlaps = sample.Pairs.Where(p => p.Label == label).Select(Overlap).Order().ToList();
            output.WriteLine($"{label}: {overlaps.Count} pairs, shingles shared {overlaps[0]:P0} to {overlaps[^1]:P0}, median {overlaps[overlaps.Count / 2]:P0}");
        }

        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
    }

    [Fact]
    public void A_sketch_of_sixteen_finds_a_copy_sharing_a_third_of_its_shingles_almost_always()
    {
        // The chance that two texts sharing a fraction J of their shingles have no sketch value in common is about (1 − J)^16.
        var sample = LabelledSample.Instance;
        var prints = sample.Texts.ToDictionary(t => t.Key, t => TextPrint.Of(t.Value));

        var missed = sample.Pairs
            .Where(p => p.Label is "identical" or "template")
            .Count(p => !prints[p.A].Sketch.Intersect(prints[p.B].Sketch).Any());

        output.WriteLine($"Template pairs whose sketches share nothing: {missed}");
        Assert.Equal(0, missed);
    }
}
