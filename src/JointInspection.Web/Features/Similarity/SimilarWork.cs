using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Similarity;

/// <summary>A workstream or submission that looks close to a text: what to call it, where it is, and how close (0 to 1).</summary>
public sealed record SimilarItem(string Title, string Where, string Link, double Score);

/// <summary>
/// What already exists that looks like a text: the public workstreams of every round (for someone about to suggest a
/// topic) and the round's other submissions (for the staff triaging it). It is help, never a block, so it says nothing
/// when the language model is off. Workstreams are read for meaning once each, and again only when their words change.
/// </summary>
public sealed class SimilarWork(
    Database database, ProgrammeReader programmes, SentenceEmbeddings model, SubmissionVectors vectors, IOptions<SimilarityOptions> options) : IDisposable
{
    /// <summary>Texts whose vectors are kept, so that reloading the page does not run the model again.</summary>
    public const int RecentTexts = 1000;

    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = RecentTexts });

    private readonly ConcurrentDictionary<(string Round, string Slug, string Text), float[]?> workstreams = new();

    /// <summary>
    /// The public workstreams of any round closest to <paramref name="text"/>, closest first. The page that asks is
    /// public: a text's vector is kept a while, so that only a changed text (whose saving is rate-limited) costs the
    /// model's time.
    /// </summary>
    public async Task<IReadOnlyList<SimilarItem>> WorkstreamsLikeAsync(string text, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!options.Value.Embeddings)
        {
            return [];
        }

        var vector = recent.GetOrCreate(("similar-topics", text), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return model.Embed(text);
        });
        return vector is null ? [] : await WorkstreamsLikeAsync(vector, take, cancellationToken);
    }

    /// <summary>As above, for a vector already worked out.</summary>
    public async Task<IReadOnlyList<SimilarItem>> WorkstreamsLikeAsync(float[] vector, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var threshold = options.Value.SimilarTopicThreshold;
        return (await programmes.ReadAllAsync(cancellationToken))
            .SelectMany(p => p.Workstreams)
            .Select(w => (Workstream: w, Vector: VectorOf(w)))
            .Where(w => w.Vector is not null)
            .Select(w => new SimilarItem(w.Workstream.Title, w.Workstream.Round.Label, PortalPaths.Workstream(w.Workstream.Round.Code, w.Workstream.Slug), TensorPrimitives.Dot(vector, w.Vector!)))
            .Where(s => s.Score >= threshold)
            .OrderByDescending(s => s.Score)
            .Take(take)
            .ToList();
    }

    /// <summary>
    /// The workstreams and the round's other submissions closest to a submission's stored vector, closest first; none
    /// before it has been read for meaning.
    /// </summary>
    public async Task<(IReadOnlyList<SimilarItem> Workstreams, IReadOnlyList<SimilarItem> Submissions)> LikeSubmissionAsync(
        long submissionId, long roundId, int take, CancellationToken cancellationToken)
    {
        if (!options.Value.Embeddings || await vectors.VectorOfAsync(submissionId, cancellationToken) is not { } vector)
        {
            return ([], []);
        }

        var closest = await vectors.ClosestAsync(roundId, vector, submissionId, take, options.Value.SimilarTopicThreshold, cancellationToken);
        var titles = await TitlesAsync(closest.Select(c => c.SubmissionId).ToArray(), cancellationToken);
        var submissions = closest
            .Select(c => new SimilarItem(titles.GetValueOrDefault(c.SubmissionId, ""), SubmissionReference.Format(c.SubmissionId), PortalPaths.Submission(SubmissionReference.Format(c.SubmissionId)), c.Score))
            .ToList();
        return (await WorkstreamsLikeAsync(vector, take, cancellationToken), submissions);
    }

    private async Task<Dictionary<long, string>> TitlesAsync(long[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Title)>(new CommandDefinition(
            $"SELECT id, coalesce(title, body_text) FROM submission WHERE id {connection.InList("ids")}", new { ids }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => Excerpt.Of(r.Title));
    }

    public void Dispose() => recent.Dispose();

    private float[]? VectorOf(Workstream workstream) =>
        workstreams.GetOrAdd((workstream.Round.Code, workstream.Slug, $"{workstream.Title}. {workstream.Summary}"), key => model.Embed(key.Text));
}
