using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Programme;

/// <summary>Reads the whole draft programme in one round trip; it is small and every page shows part of it.</summary>
public sealed class ProgrammeReader(Database database)
{
    private const string Sql = """
        SELECT code, name, short_name AS ShortName, kind FROM inspectorate ORDER BY sort_order;
        SELECT name, title, is_chair AS IsChair, inspectorate_code AS InspectorateCode FROM chief_inspector ORDER BY is_chair DESC, name;
        SELECT code, name, agencies FROM area_of_focus ORDER BY sort_order;
        SELECT code, name FROM cross_cutting_issue ORDER BY sort_order;
        SELECT number, title, text FROM principle ORDER BY number;
        SELECT w.id, w.slug, w.title, w.summary, w.section, w.kind, w.status, w.programme_year AS ProgrammeYear,
               w.expected_publication AS ExpectedPublication, w.origin_submission_id AS OriginSubmissionId,
               CASE WHEN s.publication_consent = 'named' THEN coalesce(s.organisation_name, s.respondent_name) END AS OriginName
          FROM workstream w LEFT JOIN submission s ON s.id = w.origin_submission_id
         WHERE w.withdrawn_at IS NULL
         ORDER BY w.sort_order, w.id;
        SELECT p.workstream_id AS WorkstreamId, p.inspectorate_code AS InspectorateCode, p.role, p.nation
          FROM workstream_participant p JOIN inspectorate i ON i.code = p.inspectorate_code
         ORDER BY p.workstream_id, p.role = 'lead' DESC, i.sort_order;
        SELECT workstream_id AS WorkstreamId, area_of_focus_code AS Code FROM workstream_area_of_focus;
        SELECT workstream_id AS WorkstreamId, cross_cutting_issue_code AS Code FROM workstream_cross_cutting_issue;
        """;

    public async Task<Programme> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, cancellationToken: cancellationToken));

        var inspectorates = (await grid.ReadAsync<Inspectorate>()).ToList();
        var chiefInspectors = (await grid.ReadAsync<ChiefInspectorRow>())
            .Select(c => new ChiefInspector(c.Name, c.Title, c.IsChair == 1, c.InspectorateCode)).ToList();
        var areas = (await grid.ReadAsync<AreaOfFocus>()).ToList();
        var issues = (await grid.ReadAsync<CrossCuttingIssue>()).ToList();
        var principles = (await grid.ReadAsync<PrincipleRow>()).Select(p => new Principle((int)p.Number, p.Title, p.Text)).ToList();
        var rows = (await grid.ReadAsync<WorkstreamRow>()).ToList();
        var participants = (await grid.ReadAsync<ParticipantRow>()).ToLookup(p => p.WorkstreamId);
        var areaLinks = (await grid.ReadAsync<CodeLink>()).ToLookup(l => l.WorkstreamId, l => l.Code);
        var issueLinks = (await grid.ReadAsync<CodeLink>()).ToLookup(l => l.WorkstreamId, l => l.Code);

        var inspectorateByCode = inspectorates.ToDictionary(i => i.Code);
        var workstreams = rows.Select(w => new Workstream(
            (int)w.Id, w.Slug, w.Title, w.Summary, w.Section, w.Kind, w.Status, w.ProgrammeYear, w.ExpectedPublication,
            participants[w.Id].Select(p => new Participant(inspectorateByCode[p.InspectorateCode], p.Role == "lead", p.Nation)).ToList(),
            areas.Where(a => areaLinks[w.Id].Contains(a.Code)).ToList(),
            issues.Where(i => issueLinks[w.Id].Contains(i.Code)).ToList(),
            w.OriginSubmissionId is { } origin ? new WorkstreamOrigin(SubmissionReference.Format(origin), w.OriginName) : null)).ToList();

        return new Programme(inspectorates, chiefInspectors, areas, issues, principles, workstreams);
    }

    // SQLite hands back every INTEGER as Int64, and Dapper's constructor mapping wants exact types. The workstream
    // row has settable properties instead: a computed column has no declared type, so no constructor would match it.
    private sealed class WorkstreamRow
    {
        public long Id { get; init; }

        public string Slug { get; init; } = "";

        public string Title { get; init; } = "";

        public string Summary { get; init; } = "";

        public string Section { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Status { get; init; } = "";

        public string? ProgrammeYear { get; init; }

        public string? ExpectedPublication { get; init; }

        public long? OriginSubmissionId { get; init; }

        public string? OriginName { get; init; }
    }

    private sealed record ChiefInspectorRow(string Name, string Title, long IsChair, string InspectorateCode);

    private sealed record PrincipleRow(long Number, string Title, string Text);

    private sealed record ParticipantRow(long WorkstreamId, string InspectorateCode, string Role, string? Nation);

    private sealed record CodeLink(long WorkstreamId, string Code);
}
