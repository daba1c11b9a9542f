using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Assessment;

/// <summary>What an assessor enters: the risk, the programme year and inspector-days per inspectorate.</summary>
public sealed record AssessmentInput(int Likelihood, int Impact, string ProgrammeYear, IReadOnlyDictionary<string, int> Days, string? OverCapacityReason);

/// <summary>An assessment as stored, with who saved it last and how many times it has been saved.</summary>
public sealed record AssessmentRecord(AssessmentInput Input, string AssessedBy, DateTimeOffset AssessedAt, long Version);

/// <summary>
/// The outcome of a save: the new version; or the assessment someone else saved first; or, when the submission may not
/// be assessed (a response) or its assessment is locked (an accepted suggestion), why nothing was saved.
/// </summary>
public sealed record SaveResult(long? SavedVersion, AssessmentRecord? Current, string? Refused = null);

/// <summary>The days an accepted suggestion's proposed workstream commits, in the year the decision put it in.</summary>
public sealed record DrawnDays(string ProgrammeYear, IReadOnlyDictionary<string, int> Days);

public sealed class AssessmentStore(Database database, TimeProvider clock)
{
    public async Task<AssessmentRecord?> ReadAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, submissionId);
    }

    /// <summary>Available days per inspectorate for the year, the days committed to agreed work and those held for proposals.</summary>
    public async Task<CapacityFigures> CapacityAsync(string programmeYear, long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CapacityAsync(connection, null, programmeYear, submissionId);
    }

    /// <summary>
    /// The one rule for committed days, which the assessment page, the decision page and the overview all read: the days
    /// of every workstream still in the programme (the plan's own work, and the proposed workstreams of accepted
    /// suggestions), as workstream_days holds them. A proposed workstream's days are committed once its decision is final
    /// (it needed no one else's agreement, or everyone agreed); while the decision awaits agreement they are provisional,
    /// and an objection frees them. With <paramref name="submissionId"/>, the days of the workstream born from that
    /// suggestion are left out: they are the ones being weighed (the page's "this request" column), and must not count
    /// twice. An accepted suggestion's assessment is locked (SaveAsync), so its "this request" is what it commits.
    /// </summary>
    public static async Task<CapacityFigures> CapacityAsync(
        DbConnection connection, DbTransaction? transaction, string programmeYear, long? submissionId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var grid = await connection.QueryMultipleAsync(
            """
            SELECT inspectorate_code, available_days FROM inspectorate_capacity WHERE programme_year = @programmeYear;
            SELECT d.inspectorate_code, CAST(sum(d.days) AS bigint), agreement
              FROM workstream_days d
              JOIN (SELECT w.id, CASE WHEN w.origin_submission_id IS NULL THEN @agreed ELSE coalesce(
                           (SELECT x.agreement FROM decision x WHERE x.submission_id = w.origin_submission_id ORDER BY x.version DESC LIMIT 1),
                           @agreed) END AS agreement
                      FROM workstream w
                     WHERE w.withdrawn_at IS NULL AND (w.origin_submission_id IS NULL OR w.origin_submission_id IS DISTINCT FROM @submissionId)) w
                ON w.id = d.workstream_id
             WHERE d.programme_year = @programmeYear
             GROUP BY d.inspectorate_code, agreement;
            """,
            new { programmeYear, submissionId, agreed = Agreement.Agreed }, transaction);
        var available = (await grid.ReadAsync<(string Code, long Days)>()).ToDictionary(r => r.Code, r => (int)r.Days);
        var held = (await grid.ReadAsync<(string Code, long Days, string Agreement)>()).ToList();
        Dictionary<string, int> Days(string agreement) =>
            held.Where(r => r.Agreement == agreement).ToDictionary(r => r.Code, r => (int)r.Days);
        return new CapacityFigures(available, Days(Agreement.Agreed), Days(Agreement.Awaiting));
    }

    /// <summary>What the suggestion's proposed workstream commits now, or null when it has none in the programme.</summary>
    public async Task<DrawnDays?> DrawnAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Year, string Code, long Days)>(
            """
            SELECT w.programme_year, d.inspectorate_code, d.days
              FROM workstream w LEFT JOIN workstream_days d ON d.workstream_id = w.id AND d.programme_year = w.programme_year
             WHERE w.origin_submission_id = @submissionId AND w.withdrawn_at IS NULL
            """,
            new { submissionId })).ToList();
        return rows.Count == 0 ? null : new DrawnDays(rows[0].Year, rows.Where(r => r.Code is not null).ToDictionary(r => r.Code, r => (int)r.Days));
    }

    /// <summary>
    /// Why this submission's assessment may not be saved now, or null when it may: only suggestions are assessed, and a
    /// suggestion whose current decision is accept has committed its days, so its assessment is locked until the
    /// decision is revised. Read inside the save's transaction, so a decision committed meanwhile is seen.
    /// </summary>
    public static async Task<string?> RefusalAsync(DbConnection connection, DbTransaction? transaction, long submissionId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var state = await connection.QuerySingleOrDefaultAsync<(string Kind, string? Outcome)?>(
            """
            SELECT s.kind, (SELECT d.outcome FROM decision d WHERE d.submission_id = s.id ORDER BY d.version DESC LIMIT 1)
              FROM submission s WHERE s.id = @submissionId
            """,
            new { submissionId }, transaction);
        return state switch
        {
            null => "There is no such submission",
            { Kind: not SubmissionKind.Suggestion } => NotAssessed,
            { Outcome: "accept" } => Locked,
            _ => null,
        };
    }

    public const string NotAssessed = "Responses are not assessed for risk and resources: only suggestions are. Record a decision on the response instead.";

    public const string Locked = "This suggestion has been accepted, so its assessment is locked: its inspector-days are committed to its proposed workstream. "
        + "To change the assessment, a chief inspector must first revise the decision so that it no longer accepts the suggestion.";

    /// <summary>
    /// Saves when <paramref name="expectedVersion"/> is still the current version (0 for none yet); otherwise saves
    /// nothing and returns what is stored. Check and write share one BEGIN IMMEDIATE transaction, so two saves of the
    /// same version cannot both pass.
    /// </summary>
    public async Task<SaveResult> SaveAsync(long submissionId, string subject, AssessmentInput input, long expectedVersion, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await RefusalAsync(connection, transaction, submissionId) is { } refused)
        {
            return new SaveResult(null, null, refused);
        }

        var before = await ReadAsync(connection, transaction, submissionId);
        if ((before?.Version ?? 0) != expectedVersion)
        {
            return new SaveResult(null, before);
        }

        var version = expectedVersion + 1;
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            INSERT INTO assessment (submission_id, likelihood, impact, programme_year, over_capacity_reason, assessed_by, assessed_at, version)
            VALUES (@submissionId, @Likelihood, @Impact, @ProgrammeYear, @OverCapacityReason, @actor, @now, @version)
            ON CONFLICT (submission_id) DO UPDATE SET
                likelihood = excluded.likelihood, impact = excluded.impact, programme_year = excluded.programme_year,
                over_capacity_reason = excluded.over_capacity_reason, assessed_by = excluded.assessed_by,
                assessed_at = excluded.assessed_at, version = excluded.version
            """,
            new { submissionId, input.Likelihood, input.Impact, input.ProgrammeYear, input.OverCapacityReason, actor, now, version },
            transaction);
        await connection.ExecuteAsync("DELETE FROM assessment_days WHERE submission_id = @submissionId", new { submissionId }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO assessment_days (submission_id, inspectorate_code, days) VALUES (@submissionId, @Key, @Value)",
            input.Days.Select(d => new { submissionId, d.Key, d.Value }),
            transaction);
        await Audit.WriteAsync(connection, transaction, now, actor, "assessment.save", subject, before is null ? null : AuditShape(before.Input, before.Version), AuditShape(input, version));
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(version, null);
    }

    private static object AuditShape(AssessmentInput input, long version) => new
    {
        input.Likelihood,
        input.Impact,
        score = RiskScore.Create(input.Likelihood, input.Impact).Value,
        input.ProgrammeYear,
        input.Days,
        input.OverCapacityReason,
        version,
    };

    /// <summary>The assessment inside a caller's transaction, so a decision weighs exactly what it commits against.</summary>
    public static async Task<AssessmentRecord?> ReadAsync(DbConnection connection, DbTransaction? transaction, long submissionId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT likelihood AS Likelihood, impact AS Impact, programme_year AS ProgrammeYear, over_capacity_reason AS OverCapacityReason,
                   assessed_by AS AssessedBy, assessed_at AS AssessedAt, version AS Version
              FROM assessment WHERE submission_id = @submissionId
            """,
            new { submissionId }, transaction);
        if (row is null)
        {
            return null;
        }

        var days = (await connection.QueryAsync<(string Code, int Days)>(
            "SELECT inspectorate_code, days FROM assessment_days WHERE submission_id = @submissionId", new { submissionId }, transaction))
            .ToDictionary(d => d.Code, d => d.Days);
        return new AssessmentRecord(
            new AssessmentInput(row.Likelihood, row.Impact, row.ProgrammeYear, days, row.OverCapacityReason), row.AssessedBy, row.AssessedAt, row.Version);
    }

    private sealed class Row
    {
        public int Likelihood { get; set; }

        public int Impact { get; set; }

        public string ProgrammeYear { get; set; } = "";

        public string? OverCapacityReason { get; set; }

        public string AssessedBy { get; set; } = "";

        public DateTimeOffset AssessedAt { get; set; }

        public long Version { get; set; }
    }
}
