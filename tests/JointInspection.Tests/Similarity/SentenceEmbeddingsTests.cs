using System.Numerics.Tensors;
using JointInspection.Web.Features.Similarity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace JointInspection.Tests.Similarity;

/// <summary>The model everything in the test class shares: loading it takes half a second and 350 MB.</summary>
public sealed class LoadedModel : IDisposable
{
    public SentenceEmbeddings Embeddings { get; } = new(Options.Create(new SimilarityOptions()), NullLogger<SentenceEmbeddings>.Instance);

    public void Dispose() => Embeddings.Dispose();
}

/// <summary>
/// The third tier with the real model, on the labelled sample: the same idea in other words is found often enough to
/// help, and unrelated texts, even neighbouring topics that share many words, are kept apart. The figures are printed;
/// the README says how the threshold was chosen from them.
/// </summary>
public sealed class SentenceEmbeddingsTests(LoadedModel loaded, ITestOutputHelper output) : IClassFixture<LoadedModel>
{
    private static readonly double Threshold = new SimilarityOptions().ParaphraseThreshold;

    [Fact]
    public void On_the_labelled_sample_the_paraphrase_threshold_finds_paraphrases_and_keeps_unrelated_texts_apart()
    {
        var sample = LabelledSample.Instance;
        var vectors = sample.Texts.ToDictionary(t => t.Key, t => loaded.Embeddings.Embed(t.Value));
        double Cosine(LabelledPair p) => vectors[p.A] is { } a && vectors[p.B] is { } b ? TensorPrimitives.CosineSimilarity(a, b) : 0;

        var paraphrases = TierScore.Of(SimilarityTiers.Paraphrase, sample.Pairs.Where(p => p.Label is "paraphrase" or "unrelated"), p => Cosine(p) >= Threshold, "paraphrase");
        var copies = sample.Pairs.Where(p => p.Label is "identical" or "template").Select(Cosine).Order().ToList();
        var unrelated = sample.Pairs.Where(p => p.Label == "unrelated").Select(Cosine).Order().ToList();

        output.WriteLine(paraphrases.ToString());
        output.WriteLine($"identical and template pairs: cosine {copies[0]:F3} to {copies[^1]:F3}; unrelated: {unrelated[0]:F3} to {unrelated[^1]:F3}, {unrelated.Count(c => c >= Threshold)} of {unrelated.Count} at or above {Threshold}");
        // Every grouping is put to a person, so a wrong proposal costs a click; but most of what is proposed must be right.
        Assert.True(paraphrases.Precision >= 0.8, paraphrases.ToString());
        Assert.True(paraphrases.Recall >= 0.35, paraphrases.ToString());
        Assert.True(copies[0] >= Threshold, $"A copy scored {copies[0]:F3}");
        Assert.True(unrelated.Count(c => c >= Threshold) <= unrelated.Count / 50, $"{unrelated.Count(c => c >= Threshold)} unrelated pairs at or above {Threshold}");
    }

    [Fact]
    public void Texts_in_other_languages_and_empty_ones_get_no_vector()
    {
        var sample = LabelledSample.Instance;

        Assert.Null(loaded.Embeddings.Embed(sample.Texts["t72"]));
        Assert.Null(loaded.Embeddings.Embed(sample.Texts["t73"]));
        Assert.Null(loaded.Embeddings.Embed(" \n\t "));
        Assert.All(sample.Texts.Where(t => t.Key is not ("t72" or "t73" or "t74")), t => Assert.NotNull(loaded.Embeddings.Embed(t.Value)));
        // Short English with few of the commonest words: once taken for another language.
        Assert.All(Themes.ThemeSample.All, t => Assert.NotNull(loaded.Embeddings.Embed(t)));
    }

    [Fact]
    public void A_text_too_long_for_the_model_is_read_in_pieces_whose_vectors_are_averaged()
    {
        var opening = LabelledSample.Instance.Texts["t01"];
        var unrelatedEnd = LabelledSample.Instance.Texts["t40"];
        var longText = string.Join(' ', Enumerable.Repeat(opening, 6)) + " " + string.Join(' ', Enumerable.Repeat(unrelatedEnd, 6));

        var whole = loaded.Embeddings.Embed(longText)!;
        var start = loaded.Embeddings.Embed(opening)!;
        var end = loaded.Embeddings.Embed(unrelatedEnd)!;

        Assert.True(longText.Split(' ').Length > 3 * SentenceEmbeddings.ChunkWords);
        Assert.Equal(1.0, TensorPrimitives.Norm(whole), 3);
        // Both halves count: a model that read only the first 256 pieces of words would miss the end entirely.
        Assert.True(TensorPrimitives.CosineSimilarity(whole, end) > 0.6, $"End: {TensorPrimitives.CosineSimilarity(whole, end):F3}");
        Assert.True(TensorPrimitives.CosineSimilarity(whole, start) > 0.6, $"Start: {TensorPrimitives.CosineSimilarity(whole, start):F3}");
    }

    [Fact]
    public void A_model_the_portal_does_not_carry_is_off_with_the_reason_and_nothing_is_embedded()
    {
        using var other = new SentenceEmbeddings(Options.Create(new SimilarityOptions { Model = "all-mpnet-base-v2" }), NullLogger<SentenceEmbeddings>.Instance);

        Assert.False(other.Available);
        Assert.Null(other.Embed("Mental health care for people in prison."));
        Assert.Contains("all-mpnet-base-v2", other.Failure, StringComparison.Ordinal);
    }
}
