using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.FinalProgramme;

/// <summary>
/// The final programme's introduction and context. The portal keeps no round's own prose for these, so they are
/// written here from what it does keep: the round's title and years, the inspectorates, the chief inspectors, the
/// consultation's dates and turnout, the areas of focus and cross-cutting issues, and the workstreams. The plan's
/// lasting statements of how the inspectorates work (its context) are said in words that name no year, so a later
/// round's programme reads as true as the first's.
/// </summary>
public static class FinalProgrammeText
{
    public static IReadOnlyList<string> Introduction(Programme.Programme programme, ConsultationTurnout turnout, DateTimeOffset finalisedAt)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(turnout);
        var round = programme.Round;
        var criminalJustice = programme.Inspectorates.Where(i => i.IsCriminalJustice).Select(i => i.FullName).ToList();
        var workstreams = programme.Workstreams;
        var continuing = workstreams.Count(w => w.Section is WorkstreamSection.CoreContinuing or WorkstreamSection.ThematicContinuing);
        var fromSuggestions = workstreams.Count(w => w.Origin is not null);
        var newWork = workstreams.Count - continuing;

        List<string> paragraphs =
        [
            $"{round.Title} sets out the inspections in which two or more of the {Words(criminalJustice.Count)} criminal justice inspectorates " +
            $"will work together: {Join(criminalJustice)}. Working together lets them examine issues that cut across agency boundaries, " +
            "which their separate inspections of individual agencies might not.",
            $"The programme covers two programme years, {round.Years[0].Label} and {round.Years[1].Label}. It has {Count(workstreams.Count, "workstream")}: " +
            $"{Count(continuing, "continuing commitment")} from earlier programmes and {Count(newWork, "piece", "pieces")} of new work" +
            (fromSuggestions > 0 ? $", {Count(fromSuggestions, "piece", "pieces")} of which came from suggestions made in the consultation." : "."),
        ];
        if (round.OpensAt is { } opens && round.ClosesAt is { } closes)
        {
            var consulted = $"The draft programme was open for consultation from {UkTime.Date(opens)} to {UkTime.Date(closes)}. ";
            paragraphs.Add(turnout.Responses + turnout.Suggestions == 0
                ? consulted + "No responses or suggestions were received."
                : consulted + $"The inspectorates received {Count(turnout.Responses, "response")} to the draft programme and " +
                    $"{Count(turnout.Suggestions, "suggestion")} for new work. The chief inspectors considered every one against the risk " +
                    "to the public and the resources available.");
        }

        var chair = programme.ChiefInspectors.FirstOrDefault(c => c.IsChair);
        paragraphs.Add(chair is null
            ? $"The chief inspectors finalised the programme on {UkTime.Date(finalisedAt)}."
            : $"The chief inspectors finalised the programme on {UkTime.Date(finalisedAt)}, chaired by {chair.Name}, {chair.Title}.");
        return paragraphs;
    }

    public static IReadOnlyList<ContextPart> Context(Programme.Programme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var round = programme.Round;
        var partners = programme.Inspectorates.Where(i => !i.IsCriminalJustice).Select(i => i.FullName).ToList();
        var fromSuggestions = programme.Workstreams.Count(w => w.Origin is not null);
        return
        [
            new("landscape", "1 The landscape for joint inspection",
            [
                "The criminal justice inspectorates have a long history of working together, and a statutory duty to publish a joint " +
                "inspection programme that includes their work with other inspectorates and public authorities.",
                partners.Count > 0
                    ? $"So this programme also covers joint work with {Join(partners)} where they work with one or more of the criminal justice inspectorates."
                    : "So this programme also covers joint work with other bodies where they work with one or more of the criminal justice inspectorates.",
                "Individually and jointly, the inspectorates work to the ten principles for public sector inspection (see Annex A).",
            ], []),
            new("focus", "2 Our focus",
            [
                "The inspectorates work together on issues that involve more than one criminal justice agency and have a direct impact on " +
                "the public who use the justice system. Their main areas of joint focus are:",
            ], [.. programme.AreasOfFocus.Select(a => $"{a.Name}: {a.Agencies}")]),
            new("cross-cutting", "3 Cross-cutting issues",
            [
                $"In all their inspections they have regard to {Words(programme.CrossCuttingIssues.Count)} cross-cutting issues that are " +
                "fundamental to the success and effectiveness of the criminal justice system:",
            ], [.. programme.CrossCuttingIssues.Select(i => i.Name)]),
            new("approach", "4 Our approach",
            [
                $"The programme runs over two programme years, {round.Years[0].Label} and {round.Years[1].Label}. Priorities are set at the start " +
                "and reviewed as circumstances change, so work planned for the second year may be brought forward or amended.",
                "Each workstream has one lead inspectorate, and the others support it or contribute. The work is “singly-led but jointly owned”: " +
                "the lead inspectorate manages the inspection and writes and publishes the report; the supporting inspectorates provide team " +
                "members and written contributions, and agree and own the report and its recommendations.",
            ], []),
            new("deciding", "5 Deciding the programme",
            [
                "Before finalising the programme the chief inspectors consulted on a draft of it with the public, stakeholders, other " +
                "inspectorates and government, to find overlaps and synergies with other work and to decide its priorities.",
                fromSuggestions > 0
                    ? $"{Capitalised(Count(fromSuggestions, "workstream"))} in this programme came from suggestions made in the consultation and accepted by the chief inspectors."
                    : "No workstream in this programme came from a suggestion made in the consultation.",
                $"The programme for {round.Label} is set out in Section B.",
            ], []),
        ];
    }

    /// <summary>"1 response", "3 responses", "no responses".</summary>
    public static string Count(int count, string one, string? many = null) => count switch
    {
        0 => $"no {many ?? one + "s"}",
        1 => $"1 {one}",
        _ => $"{count.ToString(CultureInfo.InvariantCulture)} {many ?? one + "s"}",
    };

    /// <summary>"A, B and C".</summary>
    public static string Join(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
    }

    /// <summary>GOV.UK style: numbers from one to nine in words.</summary>
    private static string Words(int number) => number switch
    {
        1 => "one",
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        6 => "six",
        7 => "seven",
        8 => "eight",
        9 => "nine",
        _ => number.ToString(CultureInfo.InvariantCulture),
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
