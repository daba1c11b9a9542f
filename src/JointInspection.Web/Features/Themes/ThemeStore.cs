using System.Data.Common;
using System.Runtime.InteropServices;
using Dapper;
using JointInspection.Web.Features.Similarity;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Tags;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Themes;

public static class ThemeStates
{
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

/// <summary>Which responses themes are found among: a round's, or only those to one of its workstreams.</summary>
public sealed record ThemeScope(long RoundId, long? WorkstreamId);

/// <summary>A candidate theme, with who accepted or rejected it and the tag it became.</summary>
public sealed record CandidateTheme(
    long Id, ThemeScope Scope, string Name, string State, long Responses, DateTimeOffset ProposedAt, long? TagId, string? TagName, string? ConfirmedBy);

/// <summary>One of a theme's responses: how close it is to the theme's centre, and its opening words.</summary>
public sealed record ThemeMember(string Reference, double Closeness, string Excerpt);

/// <summary>What finding themes did: how many it offers, and how many it left out as already accepted or rejected.</summary>
public sealed record ThemesFound(int Offered, int AlreadyDecided);

/// <summary>What became of accepting or rejecting a theme.</summary>
public abstract record ThemeDecision
{
    public sealed record Accepted(Tag Tag, int Tagged) : ThemeDecision;

    public sealed record Rejected : ThemeDecision;

    /// <summary>Someone else accepted or rejected it first (or it was replaced by finding themes again).</summary>
    public sealed record NoLongerProposed(CandidateTheme? Theme) : ThemeDecision;
}

/// <summary>
/// The candidate_theme tables: the themes the portal finds among responses, kept until a person accepts one (it becomes
/// a tag, proposed by the portal and confirmed by them) or rejects it. Each change is audited in its transaction.
/// </summary>
public sealed class ThemeStore(Database database, TimeProvider clock, IOptions<SimilarityOptions> options)
{
    public const string FindAction = "theme.find";
    public const string AcceptAction = "theme.accept";
    public const string RejectAction = "theme.reject";

    /// <summary>A new theme sharing this much of an accepted or rejected one's responses (Jaccard) is that theme again.</summary>
    public const double SameTheme = 0.8;

    private const string Select = """
        SELECT t.id AS Id, t.round_id AS RoundId, t.workstream_id AS WorkstreamId, t.name AS Name, t.state AS State,
               (SELECT count(*) FROM candidate_theme_member m WHERE m.theme_id = t.id) AS Responses,
               t.proposed_at AS ProposedAt, t.tag_id AS TagId, g.name AS TagName, t.confirmed_by AS ConfirmedBy
          FROM candidate_theme t LEFT JOIN tag g ON g.id = t.tag_id
        """;

    /// <summary>The scope's responses that have a vector from the current model, oldest first.</summary>
    public async Task<IReadOnlyList<ThemePoint>> PointsAsync(ThemeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, byte[] Vector, string Body)>(new CommandDefinition(
            """
            SELECT s.id, e.vector, s.body_text FROM submission s JOIN submission_embedding e ON e.submission_id = s.id
             WHERE s.round_id = @RoundId AND s.kind = @response AND (@WorkstreamId IS NULL OR s.workstream_id = @WorkstreamId)
               AND e.model = @model AND e.vector IS NOT NULL
             ORDER BY s.id
            """,
            new { scope.RoundId, scope.WorkstreamId, response = SubmissionKind.Response, model = options.Value.Model },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ThemePoint(r.Id, MemoryMarshal.Cast<byte, float>(r.Vector).ToArray(), r.Body))];
    }

    /// <summary>How many responses the scope has, and how many of them have been read for meaning.</summary>
    public async Task<(long Responses, long Read)> CountAsync(ThemeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Responses, long Read)>(new CommandDefinition(
            """
            SELECT count(*), count(e.submission_id) FROM submission s
              LEFT JOIN submission_embedding e ON e.submission_id = s.id AND e.model = @model
             WHERE s.round_id = @RoundId AND s.kind = @response AND (@WorkstreamId IS NULL OR s.workstream_id = @WorkstreamId)
            """,
            new { scope.RoundId, scope.WorkstreamId, response = SubmissionKind.Response, model = options.Value.Model },
            cancellationToken: cancellationToken));
        return counts;
    }

    /// <summary>
    /// Replaces the scope's proposed themes with <paramref name="found"/>, leaving out any that is a theme already
    /// accepted or rejected (<see cref="SameTheme"/>).
    /// </summary>
    public async Task<ThemesFound> ProposeAsync(ThemeScope scope, IReadOnlyList<FoundTheme> found, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(found);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var decided = (await connection.QueryAsync<(long ThemeId, long SubmissionId)>(
            $"""
            SELECT m.theme_id, m.submission_id FROM candidate_theme_member m JOIN candidate_theme t ON t.id = m.theme_id
             WHERE {InScope} AND t.state <> @proposed
            """,
            new { scope.RoundId, scope.WorkstreamId, proposed = ThemeStates.Proposed },
            transaction))
            .GroupBy(m => m.ThemeId, m => m.SubmissionId)
            .Select(g => g.ToHashSet())
            .ToList();
        await connection.ExecuteAsync(
            $"DELETE FROM candidate_theme WHERE id IN (SELECT t.id FROM candidate_theme t WHERE {InScope} AND t.state = @proposed)",
            new { scope.RoundId, scope.WorkstreamId, proposed = ThemeStates.Proposed },
            transaction);

        var now = clock.GetUtcNow();
        var offered = found.Where(theme => !decided.Any(d => Jaccard(d, theme.Members.Select(m => m.SubmissionId)) >= SameTheme)).ToList();
        foreach (var theme in offered)
        {
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO candidate_theme (round_id, workstream_id, name, state, proposed_at)
                VALUES (@RoundId, @WorkstreamId, @name, @proposed, @now) RETURNING id
                """,
                new { scope.RoundId, scope.WorkstreamId, name = theme.Name, proposed = ThemeStates.Proposed, now },
                transaction);
            await connection.ExecuteAsync(
                "INSERT INTO candidate_theme_member (theme_id, submission_id, closeness) VALUES (@id, @SubmissionId, @Closeness)",
                theme.Members.Select(m => new { id, m.SubmissionId, m.Closeness }),
                transaction);
        }

        var result = new ThemesFound(offered.Count, found.Count - offered.Count);
        await Audit.WriteAsync(connection, transaction, now, actor, FindAction, Target(scope), null, new { offered = result.Offered, alreadyDecided = result.AlreadyDecided });
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The scope's themes: proposed first (most responses first), then those decided, latest first.</summary>
    public async Task<IReadOnlyList<CandidateTheme>> ListAsync(ThemeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE {InScope} ORDER BY CASE WHEN t.state = @proposed THEN 0 ELSE 1 END, Responses DESC, t.confirmed_at DESC, t.id",
            new { scope.RoundId, scope.WorkstreamId, proposed = ThemeStates.Proposed },
            cancellationToken: cancellationToken))).Select(r => r.Theme())];
    }

    public async Task<CandidateTheme?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE t.id = @id", new { id }, cancellationToken: cancellationToken)))?.Theme();
    }

    /// <summary>The theme's responses, most typical first: at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<ThemeMember>> MembersAsync(long id, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, double Closeness, string Body)>(new CommandDefinition(
            """
            SELECT s.id, m.closeness, s.body_text FROM candidate_theme_member m JOIN submission s ON s.id = m.submission_id
             WHERE m.theme_id = @id ORDER BY m.closeness DESC, s.id LIMIT @take
            """,
            new { id, take },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ThemeMember(SubmissionReference.Format(r.Id), r.Closeness, Excerpt.Of(r.Body)))];
    }

    /// <summary>
    /// Makes the theme a tag called <paramref name="name"/> (one <see cref="TagRules.Check"/> has passed; an existing
    /// tag of that name is used) and gives it to each of the theme's responses, as proposed by the portal and
    /// confirmed by <paramref name="actor"/>.
    /// </summary>
    public async Task<ThemeDecision> AcceptAsync(long id, string name, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await StillProposedAsync(connection, transaction, id) is { } gone)
        {
            return gone;
        }

        var now = clock.GetUtcNow();
        var members = (await connection.QueryAsync<long>("SELECT submission_id FROM candidate_theme_member WHERE theme_id = @id", new { id }, transaction)).ToList();
        var (tag, tagged) = await TagStore.AcceptThemeAsync(connection, transaction, name, members, actor, now);
        await connection.ExecuteAsync(
            "UPDATE candidate_theme SET state = @accepted, tag_id = @tagId, confirmed_by = @actor, confirmed_at = @now WHERE id = @id",
            new { id, accepted = ThemeStates.Accepted, tagId = tag.Id, actor, now },
            transaction);
        await Audit.WriteAsync(connection, transaction, now, actor, AcceptAction, $"theme:{id}", null, new { tag = tag.Name, responses = members.Count, tagged });
        await transaction.CommitAsync(cancellationToken);
        return new ThemeDecision.Accepted(tag, tagged);
    }

    public async Task<ThemeDecision> RejectAsync(long id, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await StillProposedAsync(connection, transaction, id) is { } gone)
        {
            return gone;
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "UPDATE candidate_theme SET state = @rejected, confirmed_by = @actor, confirmed_at = @now WHERE id = @id",
            new { id, rejected = ThemeStates.Rejected, actor, now },
            transaction);
        await Audit.WriteAsync(connection, transaction, now, actor, RejectAction, $"theme:{id}", null, null);
        await transaction.CommitAsync(cancellationToken);
        return new ThemeDecision.Rejected();
    }

    private const string InScope = "t.round_id = @RoundId AND (t.workstream_id = @WorkstreamId OR (t.workstream_id IS NULL AND @WorkstreamId IS NULL))";

    private static string Target(ThemeScope scope) => scope.WorkstreamId is { } workstream ? $"workstream:{workstream}" : $"round:{scope.RoundId}";

    private static double Jaccard(HashSet<long> decided, IEnumerable<long> found)
    {
        var members = found.ToHashSet();
        var shared = members.Count(decided.Contains);
        return (double)shared / (decided.Count + members.Count - shared);
    }

    /// <summary>Null when the theme is still proposed; otherwise what to say instead of deciding it.</summary>
    private static async Task<ThemeDecision?> StillProposedAsync(DbConnection connection, DbTransaction transaction, long id)
    {
        var theme = (await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE t.id = @id", new { id }, transaction))?.Theme();
        return theme?.State == ThemeStates.Proposed ? null : new ThemeDecision.NoLongerProposed(theme);
    }

    // Settable properties, not a constructor: on an empty result SQLite gives computed columns no type.
    private sealed class Row
    {
        public long Id { get; init; }

        public long RoundId { get; init; }

        public long? WorkstreamId { get; init; }

        public string Name { get; init; } = "";

        public string State { get; init; } = "";

        public long Responses { get; init; }

        public DateTimeOffset ProposedAt { get; init; }

        public long? TagId { get; init; }

        public string? TagName { get; init; }

        public string? ConfirmedBy { get; init; }

        public CandidateTheme Theme() => new(Id, new ThemeScope(RoundId, WorkstreamId), Name, State, Responses, ProposedAt, TagId, TagName, ConfirmedBy);
    }
}
