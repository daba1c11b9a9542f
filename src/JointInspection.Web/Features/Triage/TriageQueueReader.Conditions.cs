using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage;

/// <summary>The queue's filters as SQL conditions, shared by its page, its counts and the staff exports.</summary>
public sealed partial class TriageQueueReader
{
    // Only the filters in use become SQL: "@x IS NULL OR s.col = @x" would hide the index from the planner.
    // searchAsFilter: the search as a condition on s; otherwise the caller reads submission_search as f and leads with it
    // (on SQLite with SqliteSearchQuery, on PostgreSQL with SearchMatch).
    // Internal, not private: staff exports (Features/Exports) select the same submissions as the queue by these conditions.
    internal static List<string> Conditions(TriageFilter filter, DynamicParameters parameters, bool withStatus, bool searchAsFilter, SqlDialect dialect)
    {
        var where = new List<string>();
        if (filter.Reference is { } reference)
        {
            // A reference names one submission: the other filters would only hide it.
            parameters.Add("reference", reference);
            where.Add("s.id = @reference");
            return where;
        }

        void Add(string name, object? value, string condition)
        {
            if (value is not null)
            {
                parameters.Add(name, value);
                where.Add(condition);
            }
        }

        if (withStatus)
        {
            Add("status", filter.Status, "s.status = @status");
        }

        Add("round", filter.RoundId, "s.round_id = @round");
        Add("kind", filter.Kind, "s.kind = @kind");
        Add("respondentType", filter.RespondentType, "s.respondent_type = @respondentType");
        if (filter.Confirmed is { } confirmed)
        {
            where.Add(confirmed ? "s.email_confirmed_at IS NOT NULL" : "s.email_confirmed_at IS NULL");
        }

        if (filter.Moderation is { } moderation)
        {
            where.Add(Features.Moderation.ModerationState.Condition(moderation));
        }

        // As a set of ids, as the search is: one read of submission_assignment_by_assignee, then a probe per row of the page.
        Add("assignee", filter.AssignedTo, "s.id IN (SELECT submission_id FROM submission_assignment WHERE assignee = @assignee)");
        if (filter.Unassigned)
        {
            where.Add("s.id NOT IN (SELECT submission_id FROM submission_assignment)");
        }

        Add("tag", filter.TagId, "s.id IN (SELECT submission_id FROM submission_tag WHERE tag_id = @tag)");

        // Only suggestions are assessed, so "not assessed yet" is the suggestions still waiting; a score is only ever set by an assessment.
        if (filter.Assessed is { } assessed)
        {
            parameters.Add("suggestionKind", SubmissionKind.Suggestion);
            where.Add(assessed ? "s.risk_score > 0" : "(s.kind = @suggestionKind AND s.risk_score = 0)");
        }

        if (filter.Decided is { } decided)
        {
            // Constants rather than a list parameter, which both databases plan the same way. On SQLite the unary + keeps it a
            // filter: as an index range over several statuses it would cost the risk sort a sort of every match.
            var statuses = string.Join(", ", (decided ? SubmissionStatus.Decided : SubmissionStatus.Undecided).Select(status => $"'{status}'"));
            where.Add(dialect == SqlDialect.Sqlite ? $"+s.status IN ({statuses})" : $"s.status IN ({statuses})");
        }

        // A suggestion names its areas; a response is to one area, or to a workstream that has areas.
        Add("areaOfFocus", filter.AreaOfFocus, """
            (s.area_of_focus_code = @areaOfFocus
                OR EXISTS (SELECT 1 FROM submission_area_of_focus x WHERE x.submission_id = s.id AND x.area_of_focus_code = @areaOfFocus)
                OR EXISTS (SELECT 1 FROM workstream_area_of_focus x WHERE x.workstream_id = s.workstream_id AND x.area_of_focus_code = @areaOfFocus))
            """);

        // A suggestion names inspectorates and perhaps a lead; a response to a workstream names its participants.
        Add("inspectorate", filter.Inspectorate, """
            (s.lead_inspectorate_code = @inspectorate
                OR EXISTS (SELECT 1 FROM submission_inspectorate x WHERE x.submission_id = s.id AND x.inspectorate_code = @inspectorate)
                OR EXISTS (SELECT 1 FROM workstream_participant x WHERE x.workstream_id = s.workstream_id AND x.inspectorate_code = @inspectorate))
            """);
        if (dialect == SqlDialect.PostgreSql)
        {
            if (searchAsFilter && SearchMatch(filter, parameters, "f") is { } match)
            {
                where.Add($"s.id IN (SELECT f.submission_id FROM submission_search f WHERE {match})");
            }

            return where;
        }

        if (filter.SearchWords() is not null)
        {
            var query = SqliteSearchQuery(filter, parameters);
            where.Add(searchAsFilter
                ? $"s.id IN (SELECT {SearchKeyId("submission_search")} FROM submission_search WHERE submission_search MATCH {query})"
                : $"f.submission_search MATCH {query}");
        }

        return where;
    }
}
