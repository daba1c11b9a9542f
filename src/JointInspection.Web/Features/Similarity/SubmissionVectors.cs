using System.Collections.Concurrent;
using System.Data.Common;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Similarity;

/// <summary>
/// The submission_embedding table, and each round's vectors held in memory for comparing a new one against them all
/// (384 numbers each: 100,000 submissions are 150 MB, and one comparison with all of them a few milliseconds). A round's
/// vectors are read from the database when first needed, and again when the database holds more than memory does,
/// which is how vectors another node wrote arrive here.
/// </summary>
public sealed class SubmissionVectors(Database database, TimeProvider clock, IOptions<SimilarityOptions> options)
{
    private readonly ConcurrentDictionary<long, RoundVectors> rounds = new();

    /// <summary>Submissions read for their print but not yet for meaning, oldest first, after <paramref name="after"/> when given.</summary>
    public async Task<IReadOnlyList<SubmissionText>> PendingAsync(int limit, CancellationToken cancellationToken, long after = 0)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(long Id, long RoundId, string? Title, string Body, string? Reason, string? Attachments)>(new CommandDefinition(
            """
            SELECT s.id, s.round_id, s.title, s.body_text, s.reason_text, s.attachment_text FROM submission_text_print p JOIN submission s ON s.id = p.submission_id
             WHERE p.submission_id > @after AND NOT EXISTS (SELECT 1 FROM submission_embedding e WHERE e.submission_id = p.submission_id AND e.model = @model)
             ORDER BY p.submission_id LIMIT @limit
            """,
            new { limit, after, model = options.Value.Model },
            cancellationToken: cancellationToken)))
            .Select(r => SubmissionText.Of(r.Id, r.RoundId, r.Title, r.Body, r.Reason, r.Attachments))
            .ToList();
    }

    /// <summary>How many submissions have been read for meaning by the current model.</summary>
    public async Task<long> ReadCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM submission_embedding WHERE model = @model", new { model = options.Value.Model }, cancellationToken: cancellationToken));
    }

    /// <summary>A submission's stored vector, if it has been read and has one.</summary>
    public async Task<float[]?> VectorOfAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var bytes = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT vector FROM submission_embedding WHERE submission_id = @submissionId AND model = @model",
            new { submissionId, model = options.Value.Model },
            cancellationToken: cancellationToken));
        return bytes is null ? null : MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>Stores a submission's vector (or that it has none), in the caller's transaction.</summary>
    public Task StoreAsync(DbConnection connection, DbTransaction transaction, long submissionId, float[]? vector) =>
        connection!.ExecuteAsync(
            """
            INSERT INTO submission_embedding (submission_id, model, vector, embedded_at) VALUES (@submissionId, @model, @vector, @now)
            ON CONFLICT (submission_id) DO UPDATE SET model = excluded.model, vector = excluded.vector, embedded_at = excluded.embedded_at
            """,
            new { submissionId, model = options.Value.Model, vector = vector is null ? null : MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(), now = clock.GetUtcNow() },
            transaction);

    /// <summary>Adds vectors just committed to what memory holds of their round, so the next comparison sees them.</summary>
    public void Remember(long roundId, long submissionId, float[] vector)
    {
        if (rounds.TryGetValue(roundId, out var held))
        {
            held.Add(submissionId, vector);
        }
    }

    /// <summary>
    /// The submissions of the round most like <paramref name="vector"/>, most alike first, leaving out
    /// <paramref name="except"/>: each with its cosine similarity, at least <paramref name="atLeast"/>.
    /// </summary>
    public async Task<IReadOnlyList<(long SubmissionId, double Score)>> ClosestAsync(
        long roundId, float[] vector, long? except, int take, double atLeast, CancellationToken cancellationToken)
    {
        var held = await HeldAsync(roundId, cancellationToken);
        return held.Closest(vector, except, take, atLeast);
    }

    private async Task<RoundVectors> HeldAsync(long roundId, CancellationToken cancellationToken)
    {
        // Vectors this node writes are remembered as they are committed; another node's arrive at most one poll later,
        // so counting what the database holds more often than that (a scan of the round) would only cost time.
        var now = clock.GetUtcNow();
        if (rounds.TryGetValue(roundId, out var recent) && now - recent.CheckedAt < options.Value.Poll)
        {
            return recent;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM submission_embedding e JOIN submission s ON s.id = e.submission_id WHERE s.round_id = @roundId AND e.model = @model AND e.vector IS NOT NULL",
            new { roundId, model = options.Value.Model },
            cancellationToken: cancellationToken));
        if (rounds.TryGetValue(roundId, out var held) && held.Count >= stored)
        {
            held.CheckedAt = now;
            return held;
        }

        var rows = await connection.QueryAsync<(long Id, byte[] Vector)>(new CommandDefinition(
            "SELECT e.submission_id, e.vector FROM submission_embedding e JOIN submission s ON s.id = e.submission_id WHERE s.round_id = @roundId AND e.model = @model AND e.vector IS NOT NULL",
            new { roundId, model = options.Value.Model },
            cancellationToken: cancellationToken));
        var loaded = new RoundVectors { CheckedAt = now };
        foreach (var (id, bytes) in rows)
        {
            loaded.Add(id, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
        }

        rounds[roundId] = loaded;
        return loaded;
    }

    /// <summary>One round's vectors; added to by the runner while pages read them, so guarded by a lock.</summary>
    private sealed class RoundVectors
    {
        private readonly Lock guard = new();
        private readonly List<long> ids = [];

        // Every vector end to end in one array, read in one pass rather than through a reference for each.
        private float[] vectors = new float[SentenceEmbeddings.Dimensions * 1024];

        private long checkedAt;

        /// <summary>When the database was last asked whether it holds more of the round's vectors than memory does.</summary>
        public DateTimeOffset CheckedAt
        {
            // Read and written by many requests at once: held as ticks so no reader sees half a write.
            get => new(Volatile.Read(ref checkedAt), TimeSpan.Zero);
            set => Volatile.Write(ref checkedAt, value.UtcTicks);
        }

        public int Count
        {
            get
            {
                lock (guard)
                {
                    return ids.Count;
                }
            }
        }

        public void Add(long id, float[] vector)
        {
            lock (guard)
            {
                if ((ids.Count + 1) * SentenceEmbeddings.Dimensions > vectors.Length)
                {
                    Array.Resize(ref vectors, vectors.Length * 2);
                }

                vector.CopyTo(vectors, ids.Count * SentenceEmbeddings.Dimensions);
                ids.Add(id);
            }
        }

        public List<(long, double)> Closest(float[] vector, long? except, int take, double atLeast)
        {
            var best = new List<(long Id, double Score)>();
            lock (guard)
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    if (ids[i] == except)
                    {
                        continue;
                    }

                    // Unit vectors: their dot product is their cosine similarity.
                    var score = TensorPrimitives.Dot(vector, vectors.AsSpan(i * SentenceEmbeddings.Dimensions, SentenceEmbeddings.Dimensions));
                    if (score >= atLeast)
                    {
                        best.Add((ids[i], score));
                    }
                }
            }

            return [.. best.OrderByDescending(b => b.Score).ThenBy(b => b.Id).Take(take)];
        }
    }
}
