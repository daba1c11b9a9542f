using System.Data;
using Dapper;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// Reads a concluded round's outcome: the counts and the decisions in one read transaction, so they agree with each other,
/// and what of each submission is published from <see cref="PublishedSubmissions"/>, the one reader of published text.
/// Nothing here reads what a respondent wrote or who they are.
/// </summary>
public sealed class OutcomeReader(Database database, ProgrammeReader programmes, PublishedSubmissions published)
{
    private const string Sql = """
        SELECT kind AS Code, count(*) AS Count FROM submission WHERE round_id = @roundId GROUP BY kind;
        SELECT respondent_type AS Code, count(*) AS Count FROM submission WHERE round_id = @roundId GROUP BY respondent_type;
        SELECT si.inspectorate_code AS Code, count(*) AS Count
          FROM submission_inspectorate si JOIN submission s ON s.id = si.submission_id
         WHERE s.round_id = @roundId GROUP BY si.inspectorate_code;
        SELECT lead_inspectorate_code AS Code, count(*) AS Count FROM submission
         WHERE round_id = @roundId AND lead_inspectorate_code IS NOT NULL GROUP BY lead_inspectorate_code;
        SELECT sa.area_of_focus_code AS Code, count(*) AS Count
          FROM submission_area_of_focus sa JOIN submission s ON s.id = sa.submission_id
         WHERE s.round_id = @roundId AND s.kind = @suggestion GROUP BY sa.area_of_focus_code;
        SELECT area_of_focus_code AS Code, count(*) AS Count FROM submission
         WHERE round_id = @roundId AND area_of_focus_code IS NOT NULL GROUP BY area_of_focus_code;
        SELECT coalesce(workstream_id, 0) AS WorkstreamId, stance AS Stance, count(*) AS Count FROM submission
         WHERE round_id = @roundId AND response_to IN ('programme', 'workstream') GROUP BY workstream_id, stance;
        SELECT s.id AS SubmissionId, s.kind AS Kind, s.response_to AS ResponseTo, s.area_of_focus_code AS AreaOfFocusCode,
               s.workstream_id AS RespondsToWorkstreamId, rw.slug AS RespondsToSlug, rw.title AS RespondsToTitle, s.publication_consent = 'none' AS ConsentRefused,
               d.id AS DecisionId, d.outcome AS Outcome, d.rationale AS Rationale, d.workstream_id AS WorkstreamId,
               coalesce(w.title, d.workstream_title) AS WorkstreamTitle, w.slug AS WorkstreamSlug, wr.first_year AS WorkstreamRoundYear,
               w.withdrawn_at IS NULL AS WorkstreamInProgramme, d.deferred_to AS DeferredTo,
               a.likelihood AS Likelihood, a.impact AS Impact, sm.inspectorate_code AS DecidedBy,
               d.decided_at AS DecidedAt, d.released_at AS ReleasedAt
          FROM submission s
          JOIN decision d ON d.submission_id = s.id
          LEFT JOIN workstream rw ON rw.id = s.workstream_id
          LEFT JOIN workstream w ON w.id = d.workstream_id
          LEFT JOIN programme_round wr ON wr.id = w.round_id
          LEFT JOIN assessment a ON a.submission_id = s.id
          LEFT JOIN staff_member sm ON sm.email = d.decided_by
         WHERE s.round_id = @roundId
           AND d.version = (SELECT max(x.version) FROM decision x
                             WHERE x.submission_id = s.id AND x.released_at IS NOT NULL AND (x.agreement IS NULL OR x.agreement = @agreed))
         ORDER BY s.id;
        SELECT a.decision_id AS Id, a.inspectorate_code AS Code
          FROM decision_agreement a
          JOIN decision d ON d.id = a.decision_id
          JOIN submission s ON s.id = d.submission_id
          JOIN inspectorate i ON i.code = a.inspectorate_code
         WHERE s.round_id = @roundId AND a.response = @agree
         ORDER BY a.decision_id, a.is_lead DESC, i.sort_order;
        SELECT r.submission_id AS Id, r.passage AS Code
          FROM redaction r JOIN submission s ON s.id = r.submission_id
         WHERE s.round_id = @roundId AND r.removed_at IS NULL;
        """;

    /// <summary>The round's programme, whether or not its outcome is published; null when there is no such round.</summary>
    public Task<Programme.Programme?> ProgrammeAsync(string roundCode, CancellationToken cancellationToken) =>
        programmes.ReadAsync(roundCode, cancellationToken);

    /// <summary>The outcome of a concluded round's consultation.</summary>
    public async Task<OutcomeReport> ReadAsync(Programme.Programme programme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var publishedById = new Dictionary<long, PublishedSubmission>();
        await foreach (var submission in published.ReadAllAsync(programme.Round.Id, cancellationToken))
        {
            publishedById[submission.Id] = submission;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginRead();
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql,
            new { roundId = programme.Round.Id, suggestion = SubmissionKind.Suggestion, agreed = Agreement.Agreed, agree = Agreement.Agree },
            transaction,
            cancellationToken: cancellationToken));

        var kinds = await CountsAsync(grid);
        var types = await CountsAsync(grid);
        var takePart = await CountsAsync(grid);
        var lead = await CountsAsync(grid);
        var areaSuggestions = await CountsAsync(grid);
        var areaResponses = await CountsAsync(grid);
        var stances = (await grid.ReadAsync<StanceRow>()).ToLookup(r => r.WorkstreamId);
        var rows = (await grid.ReadAsync<DecisionRow>()).ToList();
        var agreedBy = (await grid.ReadAsync<IdCode>()).ToLookup(r => r.Id, r => r.Code);
        var redactions = (await grid.ReadAsync<IdCode>()).ToLookup(r => r.Id, r => r.Code);

        var participation = new Participation(
            kinds.GetValueOrDefault(SubmissionKind.Response),
            kinds.GetValueOrDefault(SubmissionKind.Suggestion),
            types.GetValueOrDefault("individual"),
            types.GetValueOrDefault("organisation"),
            [.. programme.Inspectorates.Select(i => new InspectorateCount(i.Code, i.FullName, takePart.GetValueOrDefault(i.Code), lead.GetValueOrDefault(i.Code)))],
            [.. programme.AreasOfFocus.Select(a => new AreaOfFocusCount(a.Code, a.Name, areaSuggestions.GetValueOrDefault(a.Code), areaResponses.GetValueOrDefault(a.Code)))],
            StanceCounts(programme, stances));
        var decisions = rows.Select(r => r.ToDecision(publishedById.GetValueOrDefault(r.SubmissionId), agreedBy[r.DecisionId].ToList(), redactions[r.SubmissionId])).ToList();
        return new OutcomeReport(programme, participation, decisions, publishedById.Count);
    }

    private static async Task<Dictionary<string, int>> CountsAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<CodeCount>()).ToDictionary(c => c.Code, c => (int)c.Count);

    /// <summary>The whole programme first, then every workstream of the programme, then any withdrawn since that had responses.</summary>
    private static List<StanceCount> StanceCounts(Programme.Programme programme, ILookup<long, StanceRow> stances)
    {
        StanceCount Count(string label, string? slug, long id)
        {
            int Of(string stance) => (int)stances[id].Where(s => s.Stance == stance).Sum(s => s.Count);
            return new StanceCount(label, slug, Of("support"), Of("support-with-changes"), Of("do-not-support"), Of("no-view"));
        }

        var inProgramme = programme.Workstreams.Select(w => (long)w.Id).ToHashSet();
        return
        [
            Count("The programme as a whole", null, 0),
            .. programme.Workstreams.OrderBy(w => WorkstreamSection.Rank(w.Section)).Select(w => Count(w.Title, w.Slug, w.Id)),
            .. stances.Where(g => g.Key != 0 && !inProgramme.Contains(g.Key))
                .Select(g => Count(programme.AllWorkstreams.FirstOrDefault(w => w.Id == g.Key)?.Title ?? "A workstream no longer in the programme", null, g.Key)),
        ];
    }

    // Settable properties, not constructors: computed columns have no declared type, so with no rows to look at SQLite
    // reports them as blobs and no constructor would match.
    private sealed class CodeCount
    {
        public string Code { get; init; } = "";

        public long Count { get; init; }
    }

    private sealed class IdCode
    {
        public long Id { get; init; }

        public string Code { get; init; } = "";
    }

    private sealed class StanceRow
    {
        public long WorkstreamId { get; init; }

        public string Stance { get; init; } = "";

        public long Count { get; init; }
    }

    private sealed class DecisionRow
    {
        public long SubmissionId { get; init; }

        public string Kind { get; init; } = "";

        public string? ResponseTo { get; init; }

        public string? AreaOfFocusCode { get; init; }

        public long? RespondsToWorkstreamId { get; init; }

        public string? RespondsToSlug { get; init; }

        public string? RespondsToTitle { get; init; }

        public long ConsentRefused { get; init; }

        public long DecisionId { get; init; }

        public string Outcome { get; init; } = "";

        public string Rationale { get; init; } = "";

        public long? WorkstreamId { get; init; }

        public string? WorkstreamTitle { get; init; }

        public string? WorkstreamSlug { get; init; }

        public long? WorkstreamRoundYear { get; init; }

        public long? WorkstreamInProgramme { get; init; }

        public string? DeferredTo { get; init; }

        public long? Likelihood { get; init; }

        public long? Impact { get; init; }

        public string? DecidedBy { get; init; }

        public DateTimeOffset DecidedAt { get; init; }

        public DateTimeOffset ReleasedAt { get; init; }

        public OutcomeDecision ToDecision(PublishedSubmission? published, IReadOnlyList<string> agreedBy, IEnumerable<string> redactions) => new(
            SubmissionId, SubmissionReference.Format(SubmissionId), Kind, ResponseTo, AreaOfFocusCode, RespondsToWorkstreamId, RespondsToSlug, RespondsToTitle,
            ConsentRefused == 1, published, Outcome, RedactedText.Apply(Rationale, [.. redactions])!, WorkstreamId, WorkstreamSlug, WorkstreamTitle,
            WorkstreamSlug is { } slug && WorkstreamRoundYear is { } year && WorkstreamInProgramme == 1
                ? PortalPaths.Workstream(Rounds.ProgrammeRound.CodeFor((int)year), slug) : null,
            DeferredTo, (int?)Likelihood, (int?)Impact, agreedBy, DecidedBy, DecidedAt, ReleasedAt);
    }
}
