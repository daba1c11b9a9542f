using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// Reads the submissions a queue filter selects, in reference order, as the cells of <see cref="ExportColumns"/>. The
/// filter becomes SQL by the queue's own conditions (<see cref="TriageQueueReader"/>), so an export is of exactly the
/// submissions the queue showed; sort and paging are the queue's and do not apply. Rows are read one at a time from one
/// read transaction, so an export of every submission never holds them all in memory and is one consistent snapshot.
/// </summary>
public sealed class ExportRows(Database database)
{
    // The internal notes, oldest first, one line each; a plain string so that the separator is a newline in both dialects.
    private const string Notes =
        "(SELECT string_agg(coalesce(ns.name, x.author) || ': ' || x.text, '\n' ORDER BY x.id)"
        + " FROM submission_note x LEFT JOIN staff_member ns ON ns.email = x.author WHERE x.submission_id = s.id)";

    /// <summary>
    /// Each list column is one probe of its table's primary key; the current decision and the open recommendation are one
    /// step down their (submission, version) indexes, as the queue reads them.
    /// </summary>
    private const string Select = $"""
        SELECT s.id, r.first_year, s.kind, s.status, s.received_at, s.respondent_name, s.respondent_email, s.respondent_type,
               s.organisation_name, s.organisation_type, CASE WHEN s.email_confirmed_at IS NULL THEN 0 ELSE 1 END, s.publication_consent,
               s.response_to, af.name, w.title, s.stance, s.title, s.body_text, s.reason_text, li.short_name, s.timing, s.evidence_links,
               (SELECT string_agg(i.short_name, '; ') FROM submission_inspectorate x JOIN inspectorate i ON i.code = x.inspectorate_code
                 WHERE x.submission_id = s.id),
               (SELECT string_agg(a.name, '; ') FROM submission_area_of_focus x JOIN area_of_focus a ON a.code = x.area_of_focus_code
                 WHERE x.submission_id = s.id),
               (SELECT string_agg(c.name, '; ') FROM submission_cross_cutting_issue x JOIN cross_cutting_issue c ON c.code = x.cross_cutting_issue_code
                 WHERE x.submission_id = s.id),
               asm.likelihood, asm.impact, asm.programme_year,
               (SELECT string_agg(i.short_name || ' ' || x.days, '; ') FROM assessment_days x JOIN inspectorate i ON i.code = x.inspectorate_code
                 WHERE x.submission_id = s.id),
               d.version, d.outcome, d.workstream_title, d.deferred_to, d.rationale, coalesce(ds.name, d.decided_by), d.decided_at,
               d.agreement,
               (SELECT string_agg(i.short_name || CASE x.is_lead WHEN 1 THEN ' (lead)' ELSE '' END || ': '
                        || CASE x.response WHEN 'agree' THEN 'agreed' WHEN 'object' THEN 'objected (' || x.reasons || ')' ELSE 'awaiting' END, '; ')
                  FROM decision_agreement x JOIN inspectorate i ON i.code = x.inspectorate_code WHERE x.decision_id = d.id),
               d.released_at, rec.outcome, rec.rationale, m.state, m.withheld_reason, m.withheld_note,
               (SELECT count(*) FROM redaction x WHERE x.submission_id = s.id AND x.removed_at IS NULL),
               {Notes}, coalesce(am.name, asg.assignee),
               (SELECT string_agg(tg.name, '; ' ORDER BY tg.name) FROM submission_tag x JOIN tag tg ON tg.id = x.tag_id WHERE x.submission_id = s.id)
          FROM submission s
          JOIN programme_round r ON r.id = s.round_id
          LEFT JOIN area_of_focus af ON af.code = s.area_of_focus_code
          LEFT JOIN workstream w ON w.id = s.workstream_id
          LEFT JOIN inspectorate li ON li.code = s.lead_inspectorate_code
          LEFT JOIN assessment asm ON asm.submission_id = s.id
          LEFT JOIN decision d ON d.submission_id = s.id
               AND d.version = (SELECT max(x.version) FROM decision x WHERE x.submission_id = s.id)
          LEFT JOIN staff_member ds ON ds.email = d.decided_by
          LEFT JOIN recommendation rec ON rec.submission_id = s.id AND rec.status = 'open'
               AND rec.version = (SELECT max(x.version) FROM recommendation x WHERE x.submission_id = s.id)
          LEFT JOIN moderation m ON m.submission_id = s.id
          LEFT JOIN submission_assignment asg ON asg.submission_id = s.id
          LEFT JOIN staff_member am ON am.email = asg.assignee
        """;

    /// <summary>How many submissions the filter selects, for the progress bar.</summary>
    public async Task<long> CountAsync(TriageFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Where(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM submission s{where}", parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The filter's submissions, in reference order, each as the cells of <see cref="ExportColumns.All"/>.</summary>
    public async IAsyncEnumerable<string[]> ReadAsync(TriageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Where(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: the rows are one snapshot even while staff go on deciding and moderating.
        await using var transaction = connection.BeginRead();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"{Select}{where} ORDER BY s.id", parameters, transaction, cancellationToken: cancellationToken));
        // Microsoft.Data.Sqlite reads synchronously whatever it is called; Read spares a task per row.
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Cells(reader);
        }
    }

    private (string Where, DynamicParameters Parameters) Where(TriageFilter filter)
    {
        var parameters = new DynamicParameters();
        var conditions = TriageQueueReader.Conditions(filter, parameters, withStatus: true, searchAsFilter: true, database.Dialect);
        return (conditions.Count == 0 ? "" : "\n WHERE " + string.Join("\n   AND ", conditions), parameters);
    }

    private static string[] Cells(DbDataReader r)
    {
        string Text(int i) => r.IsDBNull(i) ? "" : r.GetString(i);
        string? Maybe(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long? Whole(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        var decided = !r.IsDBNull(29);
        var likelihood = Whole(25);
        var impact = Whole(26);
        var consent = r.GetString(11);
        return
        [
            SubmissionReference.Format(r.GetInt64(0)),
            Rounds.ProgrammeRound.CodeFor((int)r.GetInt64(1)),
            ExportColumns.Words(r.GetString(2)),
            SubmissionStatus.Label(r.GetString(3)),
            ExportColumns.UkDateTime(r.GetString(4)),
            r.GetString(5),
            r.GetString(6),
            ExportColumns.Words(r.GetString(7)),
            Text(8),
            SubmissionChoices.Label(SubmissionChoices.OrganisationTypes, Maybe(9)),
            ExportColumns.YesNo(r.GetInt64(10) == 1),
            ExportColumns.Consent(consent),
            ExportColumns.ResponseTo(Maybe(12), Maybe(13), Maybe(14)),
            SubmissionChoices.Label(SubmissionChoices.Stances, Maybe(15)),
            Text(16),
            r.GetString(17),
            Text(18),
            Text(19),
            Text(22),
            Text(23),
            Text(24),
            ExportColumns.Timing(Maybe(20)),
            Text(21),
            ExportColumns.Number(likelihood),
            ExportColumns.Number(impact),
            ExportColumns.Number(likelihood * impact),
            ExportColumns.RiskBand(likelihood * impact),
            Text(27),
            Text(28),
            ExportColumns.Number(Whole(29)),
            ExportColumns.Words(Maybe(30)),
            Text(31),
            ExportColumns.DeferredTo(Maybe(32)),
            Text(33),
            Text(34),
            ExportColumns.UkDateTime(Maybe(35)),
            ExportColumns.Agreement(Maybe(36), decided),
            Text(37),
            ExportColumns.Released(Maybe(38), decided),
            ExportColumns.Drafted(ExportColumns.Words(Maybe(39)) is { Length: > 0 } outcome ? outcome : null),
            ExportColumns.Drafted(Maybe(40)),
            ExportColumns.Moderation(consent, Maybe(41), Maybe(42), Maybe(43)),
            ExportColumns.Number(r.GetInt64(44)),
            Text(45),
            Text(46),
            Text(47),
        ];
    }
}
