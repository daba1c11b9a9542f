using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// The programme slice's writes to workstreams and what hangs off them, each inside a caller's transaction so that the
/// change, its audit entry and whatever caused it commit together. Editing the draft programme is in
/// WorkstreamStore.Editing.cs.
/// </summary>
public static partial class WorkstreamStore
{
    public const string RollingProgramme = "rolling-programme";

    /// <summary>Statuses of work that has started and not finished.</summary>
    private static readonly string[] UnderWay = ["in-progress", "fieldwork"];

    /// <summary>
    /// What a new round carries forward unless the secretariat says otherwise: rolling programmes, and thematic work
    /// still under way.
    /// </summary>
    public static bool CarriesForwardByDefault(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.Kind == RollingProgramme || UnderWay.Contains(workstream.Status);
    }

    /// <summary>
    /// Copies the chosen workstreams of <paramref name="from"/> into the new round <paramref name="to"/>, each remembering
    /// the one it came from. A rolling programme stays a core commitment through the whole round; anything else becomes
    /// continuing thematic work in the round's first year. Returns the slugs that could not be carried: not in that
    /// round's programme, or carried forward already.
    /// </summary>
    public static async Task<IReadOnlyList<int>> CarryForwardAsync(
        DbConnection connection, DbTransaction transaction, Rounds.ProgrammeRound from, Rounds.ProgrammeRound to, IReadOnlyCollection<int> workstreamIds)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(workstreamIds);
        var refused = new List<int>();
        foreach (var id in workstreamIds.Distinct())
        {
            var copy = await connection.ExecuteScalarAsync<long?>(
                """
                INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, programme_year, expected_publication, sort_order, carried_from_id)
                SELECT @to, w.slug, w.title, w.summary,
                       CASE WHEN w.kind = @rolling THEN @core ELSE @thematic END,
                       w.kind,
                       CASE WHEN w.status = @proposed THEN @planned ELSE w.status END,
                       CASE WHEN w.kind = @rolling THEN NULL ELSE @firstYear END,
                       w.expected_publication, w.sort_order, w.id
                  FROM workstream w
                 WHERE w.id = @id AND w.round_id = @from AND w.withdrawn_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM workstream c WHERE c.carried_from_id = w.id)
                RETURNING id
                """,
                new
                {
                    to = to.Id,
                    from = from.Id,
                    id,
                    rolling = RollingProgramme,
                    core = WorkstreamSection.CoreContinuing,
                    thematic = WorkstreamSection.ThematicContinuing,
                    proposed = WorkstreamSection.Proposed,
                    planned = "planned",
                    firstYear = to.Years[0].Code,
                },
                transaction);
            if (copy is not { } newId)
            {
                refused.Add(id);
                continue;
            }

            await connection.ExecuteAsync(
                """
                INSERT INTO workstream_participant (workstream_id, inspectorate_code, role, nation)
                SELECT @newId, inspectorate_code, role, nation FROM workstream_participant WHERE workstream_id = @id;
                INSERT INTO workstream_area_of_focus (workstream_id, area_of_focus_code)
                SELECT @newId, area_of_focus_code FROM workstream_area_of_focus WHERE workstream_id = @id;
                INSERT INTO workstream_cross_cutting_issue (workstream_id, cross_cutting_issue_code)
                SELECT @newId, cross_cutting_issue_code FROM workstream_cross_cutting_issue WHERE workstream_id = @id;
                """,
                new { newId, id },
                transaction);
        }

        return refused;
    }

    /// <summary>
    /// A title as an address: lower case words joined by hyphens, at most 60 characters, cut at a word. Empty when the
    /// title has no letters or digits it can use.
    /// </summary>
    public static string SlugWords(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = NotSlug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return words.Length > 60 ? words[..60].TrimEnd('-') : words;
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSlug();
}
