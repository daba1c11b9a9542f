using Dapper;
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
        SELECT id, slug, title, summary, section, kind, status, programme_year AS ProgrammeYear,
               expected_publication AS ExpectedPublication
          FROM workstream ORDER BY sort_order, id;
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
            issues.Where(i => issueLinks[w.Id].Contains(i.Code)).ToList())).ToList();

        return new Programme(inspectorates, chiefInspectors, areas, issues, principles, workstreams);
    }

    // SQLite hands back every INTEGER as Int64, and Dapper's constructor mapping wants exact types.
    private sealed record WorkstreamRow(
        long Id, string Slug, string Title, string Summary, string Section, string Kind, string Status,
        string? ProgrammeYear, string? ExpectedPublication);

    private sealed record ChiefInspectorRow(string Name, string Title, long IsChair, string InspectorateCode);

    private sealed record PrincipleRow(long Number, string Title, string Text);

    private sealed record ParticipantRow(long WorkstreamId, string InspectorateCode, string Role, string? Nation);

    private sealed record CodeLink(long WorkstreamId, string Code);
}
