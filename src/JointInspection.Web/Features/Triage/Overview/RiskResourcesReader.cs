using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Overview;

/// <summary>An assessed suggestion as the overview plots and lists it; Days is the total over every inspectorate.</summary>
public sealed record AssessedSuggestion(long Id, string Title, int Likelihood, int Impact, int Days, string Status)
{
    public string Reference => SubmissionReference.Format(Id);

    public RiskScore Risk => RiskScore.Create(Likelihood, Impact);

    public int Score => Risk.Value;

    public RiskBand Band => Risk.Band;
}

/// <summary>
/// One inspectorate's inspector-days in a programme year: what it has, what agreed and accepted work already takes,
/// and what assessed suggestions still waiting for a decision would take if they were all accepted.
/// </summary>
public sealed record InspectorateYear(string Code, string Name, int Available, int Committed, int Pending, int Provisional = 0)
{
    /// <summary>
    /// What is free to give: provisional days are held for proposals awaiting agreement. Worked out by the one rule the
    /// assessment and decision pages and the scenario use (CapacityLine), with nothing requested.
    /// </summary>
    public int Left => Line.Left;

    public bool IsOver => Line.IsOver;

    /// <summary>These figures as the capacity rule takes them, asking for nothing more.</summary>
    public CapacityLine Line => new(Code, Available, Committed, 0, Provisional);
}

public sealed record ProgrammeYearCapacity(string Year, IReadOnlyList<InspectorateYear> Inspectorates);

/// <summary>The highest-risk assessed suggestions (at most <see cref="RiskResourcesReader.Shown"/>), how many there are in all, and capacity by year.</summary>
public sealed record RiskResources(IReadOnlyList<AssessedSuggestion> Suggestions, long Assessed, IReadOnlyList<ProgrammeYearCapacity> Years)
{
    /// <summary>Whether the available days are the secretariat's or the seed's illustrative figures.</summary>
    public CapacitySource CapacitySource { get; init; } = new(CapacityOrigin.NotEntered);

    /// <summary>What a "what if" scenario can accept and move, read with the capacity it is weighed against.</summary>
    public ScenarioChoices Scenario { get; init; } = ScenarioChoices.None;

    public long NotShown => Assessed - Suggestions.Count;
}

/// <summary>
/// Reads the overview of risk against resources. Everything comes from one read transaction, so a decision committed
/// while the page is read cannot count the same days as both committed and still pending.
/// </summary>
public sealed class RiskResourcesReader(Database database)
{
    /// <summary>The most suggestions the page plots and lists: past this the chart is a blot and the table a scroll.</summary>
    public const int Shown = 500;

    /// <summary>
    /// The highest-risk assessed suggestions, one row more than are shown to know whether there are more. SQLite walks
    /// the suggestions' part of submission_kind_risk (0007) from the top score down and stops at the limit, sorting by
    /// days only within a score (OverviewPageTests checks the plan). No INDEXED BY: a database that ran 0007 before
    /// that index was added to it would fail the query, where without the hint it is only slower.
    /// </summary>
    public const string ListSql = """
        SELECT s.id AS Id, s.title AS Title, a.likelihood AS Likelihood, a.impact AS Impact, s.status AS Status,
               (SELECT CAST(coalesce(sum(d.days), 0) AS bigint) FROM assessment_days d WHERE d.submission_id = s.id) AS Days
          FROM submission s
          JOIN assessment a ON a.submission_id = s.id
         WHERE s.kind = @suggestion AND s.risk_score > 0 AND s.round_id = @roundId
         ORDER BY s.risk_score DESC, Days DESC, s.id DESC
         LIMIT @take
        """;

    // Pending: assessed for the year and never decided. Decisions are only ever added, so no row means none yet.
    private const string PendingSql = """
        SELECT a.programme_year, d.inspectorate_code, CAST(sum(d.days) AS bigint)
          FROM assessment a
          JOIN submission s ON s.id = a.submission_id
          JOIN assessment_days d ON d.submission_id = a.submission_id
         WHERE s.kind = @suggestion AND s.round_id = @roundId
           AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.submission_id = a.submission_id)
         GROUP BY a.programme_year, d.inspectorate_code;
        """;

    // The suggestions a scenario may accept: those Pending counts, highest risk first. The days and the inspectorates
    // named follow for the ones listed.
    private const string PendingListSql = """
        SELECT s.id AS Id, s.title AS Title, a.likelihood AS Likelihood, a.impact AS Impact, a.programme_year AS ProgrammeYear,
               s.lead_inspectorate_code AS Lead
          FROM submission s
          JOIN assessment a ON a.submission_id = s.id
         WHERE s.kind = @suggestion AND s.round_id = @roundId
           AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.submission_id = s.id)
         ORDER BY s.risk_score DESC, s.id DESC
         LIMIT @take
        """;

    private const string PendingCountSql = """
        SELECT count(*) FROM submission s JOIN assessment a ON a.submission_id = s.id
         WHERE s.kind = @suggestion AND s.round_id = @roundId
           AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.submission_id = s.id)
        """;

    private static string PendingDetailSql(DbConnection connection) => $"""
        SELECT submission_id, inspectorate_code, days FROM assessment_days WHERE submission_id {connection.InList("ids")};
        SELECT submission_id, inspectorate_code FROM submission_inspectorate WHERE submission_id {connection.InList("ids")};
        """;

    // Workstreams still in the round's programme with the days they hold, by year, and where the agreement of a proposed
    // one's decision stands (as AssessmentStore.CapacityAsync reads it): the movable ones are picked in C#.
    private const string WorkstreamDaysSql = """
        SELECT w.slug AS Slug, w.title AS Title, w.section AS Section, w.origin_submission_id AS Origin,
               (SELECT x.agreement FROM decision x WHERE x.submission_id = w.origin_submission_id ORDER BY x.version DESC LIMIT 1) AS Agreement,
               w.programme_year AS WorkstreamYear, d.programme_year AS ProgrammeYear, d.inspectorate_code AS Code, d.days AS Days
          FROM workstream w
          JOIN workstream_days d ON d.workstream_id = w.id
         WHERE w.round_id = @roundId AND w.withdrawn_at IS NULL
         ORDER BY w.sort_order, w.id
        """;

    private const string CountSql = "SELECT count(*) FROM submission WHERE kind = @suggestion AND risk_score > 0 AND round_id = @roundId";

    /// <summary>One round's assessed suggestions and its two years' capacity.</summary>
    public async Task<RiskResources> ReadAsync(Programme.Programme programme, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programme);
        // Names and their order are the programme's, held in memory; only the days need the transaction.
        var inspectorates = programme.Inspectorates.Where(i => i.IsCriminalJustice).ToList();
        var parameters = new { suggestion = SubmissionKind.Suggestion, roundId = programme.Round.Id, take = Shown + 1 };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginRead();

        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(ListSql, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var assessed = rows.Count <= Shown
            ? rows.Count
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, parameters, transaction, cancellationToken: cancellationToken));
        var suggestions = rows.Take(Shown)
            .Select(r => new AssessedSuggestion(r.Id, r.Title, (int)r.Likelihood, (int)r.Impact, (int)r.Days, r.Status))
            .ToList();

        var pending = (await connection.QueryAsync<(string Year, string Code, long Days)>(
            new CommandDefinition(PendingSql, parameters, transaction, cancellationToken: cancellationToken))).ToList();

        var years = new List<ProgrammeYearCapacity>();
        foreach (var year in programme.Round.Years.Select(y => y.Code))
        {
            var figures = await AssessmentStore.CapacityAsync(connection, transaction, year, null);
            years.Add(new ProgrammeYearCapacity(year, inspectorates.Select(i => new InspectorateYear(
                i.Code,
                i.ShortName,
                figures.Available.GetValueOrDefault(i.Code),
                figures.Committed.GetValueOrDefault(i.Code),
                (int)pending.Where(p => p.Year == year && p.Code == i.Code).Sum(p => p.Days),
                figures.Provisional.GetValueOrDefault(i.Code))).ToList()));
        }

        var capacity = await CapacityStore.ReadAsync(connection, transaction, programme.Round.Id);
        var scenario = await ScenarioChoicesAsync(connection, transaction, programme, parameters, cancellationToken);
        return new RiskResources(suggestions, assessed, years) { CapacitySource = capacity.Source, Scenario = scenario };
    }

    /// <summary>
    /// The assessed suggestions a scenario may accept, with what each would draw, and the workstreams it may move: those
    /// in one year of the round with all their days in it. That is what moving a workstream to the other year moves
    /// (WorkstreamStore.UpdateAsync takes its days along); work that runs through the round has no other year to go to.
    /// </summary>
    private static async Task<ScenarioChoices> ScenarioChoicesAsync(
        DbConnection connection, DbTransaction transaction, Programme.Programme programme, object parameters, CancellationToken cancellationToken)
    {
        var criminalJustice = programme.Inspectorates.Where(i => i.IsCriminalJustice).Select(i => i.Code).ToHashSet();
        var rows = (await connection.QueryAsync<PendingRow>(new CommandDefinition(PendingListSql, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var pending = rows.Count <= Shown
            ? rows.Count
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition(PendingCountSql, parameters, transaction, cancellationToken: cancellationToken));
        rows = rows.Take(Shown).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(PendingDetailSql(connection), new { ids }, transaction, cancellationToken: cancellationToken));
        var days = (await grid.ReadAsync<(long Id, string Code, long Days)>()).ToLookup(d => d.Id);
        var named = (await grid.ReadAsync<(long Id, string Code)>()).ToLookup(n => n.Id, n => n.Code);
        var suggestions = rows.Select(r =>
        {
            var lead = r.Lead is { } code && criminalJustice.Contains(code) ? code : null;
            var taking = named[r.Id].Append(lead).OfType<string>().Where(criminalJustice.Contains).Distinct().ToList();
            return new PendingSuggestion(
                r.Id, r.Title, (int)r.Likelihood, (int)r.Impact, r.ProgrammeYear, lead, taking, days[r.Id].ToDictionary(d => d.Code, d => (int)d.Days));
        }).ToList();

        var years = programme.Round.Years.Select(y => y.Code).ToList();
        var workstreamDays = await connection.QueryAsync<WorkstreamDaysRow>(new CommandDefinition(WorkstreamDaysSql, parameters, transaction, cancellationToken: cancellationToken));
        // Who takes part, for saying who would move it and who must agree again: the cached programme names them.
        var bySlug = programme.AllWorkstreams.ToDictionary(w => w.Slug);
        var workstreams = workstreamDays
            .GroupBy(d => d.Slug)
            // An objected proposal holds no days (CapacityAsync counts them neither committed nor provisional): nothing to move until it is proposed again.
            .Where(g => g.All(d => d.ProgrammeYear == d.WorkstreamYear) && years.Contains(g.First().ProgrammeYear) && g.First().Agreement != Agreement.Objected)
            .OrderBy(g => Programme.WorkstreamSection.Rank(g.First().Section))
            .Select(g =>
            {
                var first = g.First();
                var named = bySlug.GetValueOrDefault(first.Slug);
                var lead = named?.Lead?.Inspectorate.Code;
                return new MovableWorkstream(
                    first.Slug, first.Title, first.Origin is not null, first.ProgrammeYear, years.Single(y => y != first.ProgrammeYear),
                    g.ToDictionary(d => d.Code, d => (int)d.Days),
                    first.Origin,
                    first.Agreement,
                    lead,
                    [.. new[] { lead }.OfType<string>().Concat(named?.SupportingInspectorates.Select(p => p.Inspectorate.Code) ?? [])]);
            })
            .ToList();
        return new ScenarioChoices(suggestions, pending, workstreams);
    }

    private sealed class PendingRow
    {
        public long Id { get; init; }

        public string Title { get; init; } = "";

        public long Likelihood { get; init; }

        public long Impact { get; init; }

        public string ProgrammeYear { get; init; } = "";

        public string? Lead { get; init; }
    }

    private sealed class WorkstreamDaysRow
    {
        public string Slug { get; init; } = "";

        public string Title { get; init; } = "";

        public string Section { get; init; } = "";

        public long? Origin { get; init; }

        public string? Agreement { get; init; }

        public string? WorkstreamYear { get; init; }

        public string ProgrammeYear { get; init; } = "";

        public string Code { get; init; } = "";

        public long Days { get; init; }
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public string Title { get; init; } = "";

        public long Likelihood { get; init; }

        public long Impact { get; init; }

        public long Days { get; init; }

        public string Status { get; init; } = "";
    }
}
