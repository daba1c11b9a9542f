using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Web.Features.Outcome;

/// <summary>Decisions about one thing: a workstream, the whole programme, an area of focus.</summary>
public sealed record DecisionGroup(string Heading, string? Path, IReadOnlyList<OutcomeDecision> Decisions);

/// <summary>A part of the outcome's decision log, headed as the programme heads its parts.</summary>
public sealed record DecisionSection(string Id, string Heading, string Intro, IReadOnlyList<DecisionGroup> Groups)
{
    public int Count => Groups.Sum(g => g.Decisions.Count);
}

/// <summary>
/// The decision log grouped the way the programme is. Under each section of the programme, each of its workstreams with
/// the responses to it and the suggestions accepted as it or merged into it. Then responses to the programme as a whole and
/// to each area of focus; then suggestions deferred, and suggestions declined ("not taken forward"). A decision about a
/// workstream that has since left the programme goes under "Workstreams no longer in the programme".
/// </summary>
public static class DecisionGroups
{
    public static IReadOnlyList<DecisionSection> For(OutcomeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var programme = report.Programme;
        var byWorkstream = report.Decisions
            .Where(d => WorkstreamOf(d) is not null)
            .ToLookup(d => WorkstreamOf(d)!.Value);
        var inProgramme = programme.Workstreams.ToDictionary(w => (long)w.Id);
        var sections = new List<DecisionSection>();

        foreach (var section in WorkstreamSection.InOrder)
        {
            var groups = programme.InSection(section)
                .Where(w => byWorkstream[w.Id].Any())
                .Select(w => new DecisionGroup(w.Title, w.Path, [.. byWorkstream[w.Id]]))
                .ToList();
            if (groups.Count > 0)
            {
                sections.Add(new DecisionSection(
                    $"decisions-{section}", ProgrammeLabels.Section(section),
                    "Responses to these workstreams, and the suggested topics accepted as new workstreams or merged into them.",
                    groups));
            }
        }

        var gone = byWorkstream.Where(g => !inProgramme.ContainsKey(g.Key))
            .Select(g => new DecisionGroup(g.First().WorkstreamTitle ?? g.First().RespondsToTitle ?? "A withdrawn workstream", null, [.. g]))
            .ToList();
        Add(sections, "decisions-withdrawn", "Workstreams no longer in the programme", "Decisions about workstreams that were later withdrawn.", gone);

        var whole = report.Decisions.Where(d => d.ResponseTo == "programme").ToList();
        Add(sections, "decisions-programme", "The programme as a whole", "Responses to the whole draft programme.",
            whole.Count == 0 ? [] : [new DecisionGroup("The programme as a whole", null, whole)]);

        var areas = programme.AreasOfFocus
            .Select(a => new DecisionGroup(a.Name, null, [.. report.Decisions.Where(d => d.ResponseTo == "area-of-focus" && d.AreaOfFocusCode == a.Code)]))
            .Where(g => g.Decisions.Count > 0)
            .ToList();
        Add(sections, "decisions-areas-of-focus", "Areas of focus", "Responses to one area of focus.", areas);

        var deferred = report.Deferrals;
        Add(sections, "decisions-deferred", "Suggestions deferred", "Suggestions to be considered again later: in the programme’s second year, or for the next programme.",
            deferred.Count == 0 ? [] : [new DecisionGroup("Suggestions deferred", null, deferred)]);

        var declined = report.Decisions.Where(d => d.Outcome == DecisionOutcome.Decline).ToList();
        Add(sections, "decisions-not-taken-forward", "Suggestions not taken forward", "Suggestions the chief inspectors declined, with their reasons.",
            declined.Count == 0 ? [] : [new DecisionGroup("Suggestions not taken forward", null, declined)]);
        return sections;
    }

    /// <summary>The workstream a decision is about: the one a response was to, or the one a suggestion became or joined.</summary>
    public static long? WorkstreamOf(OutcomeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome is DecisionOutcome.Accept or DecisionOutcome.Merge ? decision.WorkstreamId : decision.RespondsToWorkstreamId;
    }

    private static void Add(List<DecisionSection> sections, string id, string heading, string intro, List<DecisionGroup> groups)
    {
        if (groups.Count > 0)
        {
            sections.Add(new DecisionSection(id, heading, intro, groups));
        }
    }
}
