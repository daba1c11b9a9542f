using System.Data.Common;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Similarity;

/// <summary>How a submission was found like another: the tier, and how closely (0 to 1).</summary>
public sealed record SimilarityMatch(long SubmissionId, string Tier, double Score);

/// <summary>
/// A submission as the tiers compare it: its title, text and reason together, one a line, then the words of its
/// attachments. The respondent's own words come first, as the sentence model reads only the first few hundred words;
/// an attachment's words count towards the prints up to <see cref="AttachmentsMax"/> characters, as much as a text.
/// </summary>
public sealed record SubmissionText(long Id, long RoundId, string Text)
{
    public const int AttachmentsMax = 20_000;

    public static SubmissionText Of(long id, long roundId, string? title, string body, string? reason, string? attachments = null) =>
        new(id, roundId, string.Join("\n", new[] { title, body, reason, attachments?[..Math.Min(attachments.Length, AttachmentsMax)] }
            .Where(t => !string.IsNullOrWhiteSpace(t))));
}

/// <summary>The tiers, loosest last.</summary>
public static class SimilarityTiers
{
    public const string Identical = "identical";
    public const string Template = "template";
    public const string Paraphrase = "paraphrase";

    public static readonly IReadOnlyList<string> All = [Identical, Template, Paraphrase];

    /// <summary>The looser of two tiers: a group is as loose as its loosest match.</summary>
    public static string Looser(string a, string b) => All.ToList().IndexOf(a) >= All.ToList().IndexOf(b) ? a : b;
}

/// <summary>
/// The submission_text_print and submission_text_sketch tables: each submission's print, written once, and the
/// search for the submission of the same round most like a new one.
/// </summary>
public sealed class TextPrints(Database database, TimeProvider clock, IOptions<SimilarityOptions> options)
{
    /// <summary>The latest submissions holding each sketch value that are looked at as near-copies.</summary>
    public const int LatestPerValue = 50;

    /// <summary>Candidates looked at for near-copies: the most sketch values shared first.</summary>
    private const int Candidates = 50;

    /// <summary>Submissions not yet analysed, oldest first, after <paramref name="after"/> (an id) when given.</summary>
    public async Task<IReadOnlyList<SubmissionText>> PendingAsync(int limit, CancellationToken cancellationToken, long after = 0)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(long Id, long RoundId, string? Title, string Body, string? Reason, string? Attachments)>(new CommandDefinition(
            """
            SELECT s.id, s.round_id, s.title, s.body_text, s.reason_text, s.attachment_text FROM submission s
             WHERE s.id > @after AND NOT EXISTS (SELECT 1 FROM submission_text_print p WHERE p.submission_id = s.id)
             ORDER BY s.id LIMIT @limit
            """,
            new { limit, after },
            cancellationToken: cancellationToken)))
            .Select(r => SubmissionText.Of(r.Id, r.RoundId, r.Title, r.Body, r.Reason, r.Attachments))
            .ToList();
    }

    /// <summary>How many submissions have been analysed, of how many, for the staff pages' progress figure.</summary>
    public async Task<(long Analysed, long Total)> ProgressAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM submission_text_print), (SELECT count(*) FROM submission)", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stores the print of <paramref name="pending"/> and returns the submission of its round most like it, if any is
    /// alike enough, in the caller's transaction: identical once normalised first, then a template's copy.
    /// </summary>
    public async Task<SimilarityMatch?> StoreAndMatchAsync(DbConnection connection, DbTransaction transaction, SubmissionText pending, TextPrint print)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(print);
        await connection.ExecuteAsync(
            "INSERT INTO submission_text_print (submission_id, round_id, fingerprint, shingles, analysed_at) VALUES (@id, @round, @fingerprint, @shingles, @now)",
            new { id = pending.Id, round = pending.RoundId, fingerprint = print.Fingerprint, shingles = print.ShinglesAsBytes(), now = clock.GetUtcNow() },
            transaction);
        if (print.Normalised.Split(' ').Length < options.Value.MinWords)
        {
            return null;
        }

        foreach (var value in print.Sketch)
        {
            await connection.ExecuteAsync(
                "INSERT INTO submission_text_sketch (value, submission_id) VALUES (@value, @id)", new { value = TextPrint.Stored(value), id = pending.Id }, transaction);
        }

        // Prefer a copy already in a group, so that a campaign gathers in one. Each query stops at the first copy the
        // fingerprint index gives in id order, rather than ranking every copy a campaign has sent.
        var identical = await connection.QueryFirstOrDefaultAsync<long?>(
            """
            SELECT p.submission_id FROM submission_text_print p
             WHERE p.round_id = @round AND p.fingerprint = @fingerprint AND p.submission_id <> @id
               AND EXISTS (SELECT 1 FROM similarity_group_member m WHERE m.submission_id = p.submission_id)
             ORDER BY p.submission_id LIMIT 1
            """,
            new { id = pending.Id, round = pending.RoundId, fingerprint = print.Fingerprint },
            transaction)
            ?? await connection.QueryFirstOrDefaultAsync<long?>(
                """
                SELECT p.submission_id FROM submission_text_print p
                 WHERE p.round_id = @round AND p.fingerprint = @fingerprint AND p.submission_id <> @id
                 ORDER BY p.submission_id LIMIT 1
                """,
                new { id = pending.Id, round = pending.RoundId, fingerprint = print.Fingerprint },
                transaction);
        if (identical is { } same)
        {
            return new SimilarityMatch(same, SimilarityTiers.Identical, 1);
        }

        // A phrase every letter opens with ("I am writing to") puts one sketch value in thousands of texts; counting them
        // all for each new text made a large backlog slower with every text. Only the latest holders of each value are
        // looked at: a campaign gathers in one group, so its latest copies stand for all of it.
        var sketch = print.Sketch.Select(TextPrint.Stored).ToArray();
        var latest = string.Join(
            " UNION ALL ",
            sketch.Select((_, i) => $"SELECT submission_id FROM (SELECT submission_id FROM submission_text_sketch WHERE value = @v{i} AND submission_id <> @id ORDER BY submission_id DESC LIMIT @perValue) v{i}"));
        var parameters = new DynamicParameters(new { id = pending.Id, round = pending.RoundId, candidates = Candidates, perValue = LatestPerValue });
        for (var i = 0; i < sketch.Length; i++)
        {
            parameters.Add($"v{i}", sketch[i]);
        }

        var candidates = sketch.Length == 0 ? [] : await connection.QueryAsync<(long Id, byte[] Shingles)>(
            $"""
            SELECT p.submission_id, p.shingles FROM submission_text_print p
             WHERE p.submission_id IN (
                   SELECT k.submission_id FROM ({latest}) k
                    GROUP BY k.submission_id
                    ORDER BY count(*) DESC, k.submission_id
                    LIMIT @candidates)
               AND p.round_id = @round
            """,
            parameters,
            transaction);
        return candidates
            .Select(c => new SimilarityMatch(c.Id, SimilarityTiers.Template, TextPrint.Overlap(print.Shingles, TextPrint.ShinglesFrom(c.Shingles))))
            .Where(m => m.Score >= options.Value.TemplateThreshold)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.SubmissionId)
            .FirstOrDefault();
    }
}
