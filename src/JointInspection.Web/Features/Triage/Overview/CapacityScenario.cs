using System.Globalization;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Web.Features.Triage.Overview;

/// <summary>
/// An assessed suggestion still awaiting a decision, as a scenario may accept it. Named holds the criminal justice
/// inspectorates the suggestion named as taking part (its lead among them); Days is its assessment's, by inspectorate.
/// </summary>
public sealed record PendingSuggestion(
    long Id, string Title, int Likelihood, int Impact, string ProgrammeYear, string? Lead, IReadOnlyList<string> Named, IReadOnlyDictionary<string, int> Days)
{
    public string Reference => SubmissionReference.Format(Id);

    public RiskScore Risk => RiskScore.Create(Likelihood, Impact);

    public int TotalDays => Days.Values.Sum();

    /// <summary>
    /// What accepting it as suggested would draw: the assessed days of the inspectorates it names, as a decision's
    /// proposed workstream draws them (ValidWorkstream.DaysDrawn). A suggestion that names none leaves the choice to
    /// the decision, so until then the scenario counts every day it was assessed for rather than none.
    /// </summary>
    public IReadOnlyDictionary<string, int> Drawn =>
        Lead is null && Named.Count == 0 ? Days.Where(d => d.Value > 0).ToDictionary() : ValidWorkstream.DaysDrawn(Lead, Named, Days);

    /// <summary>
    /// Whether accepting it as suggested would need the agreement of more than one inspectorate (Agreement.Parties), so
    /// hold its days provisionally until they all agree rather than commit them. One that names no one is weighed by the
    /// inspectorates it was assessed to draw from.
    /// </summary>
    public bool NeedsAgreement
    {
        get
        {
            var takingPart = Lead is null && Named.Count == 0 ? Drawn.Keys.Order(StringComparer.Ordinal).ToList() : Named;
            return takingPart.Count > 0
                && Agreement.Parties(DecisionOutcome.Accept, Lead ?? takingPart[0], takingPart).Count > 0;
        }
    }
}

/// <summary>
/// A proposed or agreed workstream whose inspector-days all fall in one programme year, which a scenario may move to the
/// round's other year. Origin is the suggestion a proposed workstream came from; Agreement is where its decision's
/// agreement stands (null when it needed no one else's, as for the plan's own work); Lead and Parties are the criminal
/// justice inspectorates taking part, the lead first.
/// </summary>
public sealed record MovableWorkstream(
    string Slug, string Title, bool IsProposed, string ProgrammeYear, string MovesTo, IReadOnlyDictionary<string, int> Days,
    long? Origin = null, string? Agreement = null, string? Lead = null, IReadOnlyList<string>? Parties = null)
{
    public int TotalDays => Days.Values.Sum();

    /// <summary>
    /// Its decision needed every inspectorate taking part to agree, so moving it is that decision revised: the lead's chief
    /// inspector proposes the move and the others agree again (the secretariat moves any other work).
    /// </summary>
    public bool NeedsAgreement => Agreement is not null;

    /// <summary>Its days are held provisionally now: its decision awaits agreement.</summary>
    public bool IsProvisional => Agreement == Decisions.Agreement.Awaiting;

    public string? OriginReference => Origin is { } id ? SubmissionReference.Format(id) : null;
}

/// <summary>
/// What a scenario can be made of in one round: its assessed suggestions awaiting a decision (highest risk first, the
/// first RiskResourcesReader.Shown of Pending) and its movable workstreams.
/// </summary>
public sealed record ScenarioChoices(IReadOnlyList<PendingSuggestion> Suggestions, long Pending, IReadOnlyList<MovableWorkstream> Workstreams)
{
    public static readonly ScenarioChoices None = new([], 0, []);

    public long NotListed => Pending - Suggestions.Count;

    public bool IsEmpty => Suggestions.Count == 0 && Workstreams.Count == 0;
}

/// <summary>
/// One inspectorate in one year of a scenario: what it has, what is committed and held provisionally now (the figures the
/// overview's capacity table shows), and how the scenario changes each: accepting a suggestion, or moving work in, takes
/// days; moving work out gives them back. Days that would await joint agreement are provisional, as they would be saved.
/// </summary>
public sealed record ScenarioLine(string Code, string Name, int Available, int Committed, int Provisional, int CommittedChange, int ProvisionalChange)
{
    /// <summary>How the scenario changes the days taken: positive takes days, negative gives them back.</summary>
    public int Change => CommittedChange + ProvisionalChange;

    /// <summary>The figures now, through the one capacity rule every page uses.</summary>
    public CapacityLine Now => new(Code, Available, Committed, 0, Provisional);

    /// <summary>The scenario's change as the request weighed against what is committed and provisional now.</summary>
    public CapacityLine WithScenario => new(Code, Available, Committed, Change, Provisional);

    public int LeftNow => Now.Left;

    public int Left => WithScenario.Left;

    public bool IsOver => WithScenario.IsOver;

    public int OverBy => IsOver ? -Left : 0;
}

public sealed record ScenarioYear(string Year, IReadOnlyList<ScenarioLine> Lines)
{
    public string Label => ProgrammeYear.LabelOf(Year);
}

/// <summary>Which of the query's choices the round offers, and a message for each group that names something it does not.</summary>
public sealed record ScenarioSelection(
    IReadOnlyList<PendingSuggestion> Accepted, IReadOnlyList<MovableWorkstream> Moved, IReadOnlyList<string> UnknownSuggestions,
    IReadOnlyList<string> UnknownWorkstreams)
{
    public bool IsEmpty => Accepted.Count == 0 && Moved.Count == 0 && !HasUnknown;

    public bool HasUnknown => UnknownSuggestions.Count > 0 || UnknownWorkstreams.Count > 0;

    public string? SuggestionsError => UnknownSuggestions.Count switch
    {
        0 => null,
        1 => $"{UnknownSuggestions[0]} is not an assessed suggestion of this round awaiting a decision: untick it",
        _ => $"{And(UnknownSuggestions)} are not assessed suggestions of this round awaiting a decision: untick them",
    };

    public string? WorkstreamsError => UnknownWorkstreams.Count switch
    {
        0 => null,
        1 => $"‘{UnknownWorkstreams[0]}’ is not a workstream of this round with inspector-days in one programme year: untick it",
        _ => $"{And(UnknownWorkstreams.Select(w => $"‘{w}’").ToList())} are not workstreams of this round with inspector-days in one programme year: untick them",
    };

    /// <summary>"a and b", "a, b and c".</summary>
    private static string And(IReadOnlyList<string> items) => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}

/// <summary>
/// What accepting some assessed suggestions and moving some workstreams to the other programme year would leave each
/// criminal justice inspectorate in each year of the round. Nothing here is saved: it is arithmetic on figures read
/// once (RiskResourcesReader), so the page can show a scenario to anyone with a link to it.
/// </summary>
public sealed class CapacityScenario
{
    private CapacityScenario(IReadOnlyList<PendingSuggestion> accepted, IReadOnlyList<MovableWorkstream> moved, IReadOnlyList<ScenarioYear> years)
    {
        Accepted = accepted;
        Moved = moved;
        Years = years;
    }

    public IReadOnlyList<PendingSuggestion> Accepted { get; }

    public IReadOnlyList<MovableWorkstream> Moved { get; }

    public IReadOnlyList<ScenarioYear> Years { get; }

    /// <summary>Every line the scenario leaves over capacity, year by year in the round's order.</summary>
    public IReadOnlyList<(ScenarioYear Year, ScenarioLine Line)> Over =>
        Years.SelectMany(y => y.Lines.Where(l => l.IsOver).Select(l => (y, l))).ToList();

    /// <summary>
    /// Matches the query's references and slugs to what the round offers. Anything it does not offer (mistyped, from
    /// another round, or decided since the link was made) is named back rather than dropped, so no figure is shown
    /// for a scenario other than the one asked for.
    /// </summary>
    public static ScenarioSelection Select(ScenarioChoices choices, IEnumerable<string?> accept, IEnumerable<string?> move)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var accepted = new List<PendingSuggestion>();
        var unknownSuggestions = new List<string>();
        foreach (var reference in Distinct(accept))
        {
            var found = SubmissionReference.TryParse(reference, out var id) ? choices.Suggestions.FirstOrDefault(s => s.Id == id) : null;
            if (found is null)
            {
                unknownSuggestions.Add(reference);
            }
            else if (!accepted.Contains(found))
            {
                accepted.Add(found);
            }
        }

        var moved = new List<MovableWorkstream>();
        var unknownWorkstreams = new List<string>();
        foreach (var slug in Distinct(move))
        {
            if (choices.Workstreams.FirstOrDefault(w => w.Slug == slug) is { } found)
            {
                moved.Add(found);
            }
            else
            {
                unknownWorkstreams.Add(slug);
            }
        }

        return new ScenarioSelection(accepted, moved, unknownSuggestions, unknownWorkstreams);
    }

    /// <summary>The scenario on top of the capacity as it stands: <paramref name="capacity"/> gives the years, their order and the inspectorates.</summary>
    public static CapacityScenario Of(IReadOnlyList<ProgrammeYearCapacity> capacity, IReadOnlyList<PendingSuggestion> accepted, IReadOnlyList<MovableWorkstream> moved)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(moved);
        // As saving would: an acceptance that needs others' agreement holds its days provisionally; a move takes days from
        // where they are held now, and one that needs agreement holds them provisionally in the new year until it is agreed again.
        int Accepting(string year, string code, bool provisional) =>
            accepted.Where(s => s.ProgrammeYear == year && s.NeedsAgreement == provisional).Sum(s => s.Drawn.GetValueOrDefault(code));
        int MovingIn(string year, string code, bool provisional) =>
            moved.Where(w => w.MovesTo == year && w.NeedsAgreement == provisional).Sum(w => w.Days.GetValueOrDefault(code));
        int MovingOut(string year, string code, bool provisional) =>
            moved.Where(w => w.ProgrammeYear == year && w.IsProvisional == provisional).Sum(w => w.Days.GetValueOrDefault(code));
        int Changing(string year, string code, bool provisional) =>
            Accepting(year, code, provisional) + MovingIn(year, code, provisional) - MovingOut(year, code, provisional);

        var years = capacity.Select(year => new ScenarioYear(year.Year, year.Inspectorates.Select(i => new ScenarioLine(
            i.Code,
            i.Name,
            i.Available,
            i.Committed,
            i.Provisional,
            Changing(year.Year, i.Code, provisional: false),
            Changing(year.Year, i.Code, provisional: true))).ToList())).ToList();
        return new CapacityScenario(accepted, moved, years);
    }

    /// <summary>What the scenario does, for a sentence: "accepting these 3 and moving 1 workstream".</summary>
    public string Doing
    {
        get
        {
            var accepting = Accepted.Count switch
            {
                0 => null,
                1 => $"accepting {Accepted[0].Reference}",
                _ => $"accepting these {Accepted.Count}",
            };
            var moving = Moved.Count switch
            {
                0 => null,
                1 => "moving 1 workstream",
                _ => $"moving {Moved.Count} workstreams",
            };
            return string.Join(" and ", new[] { accepting, moving }.OfType<string>());
        }
    }

    /// <summary>
    /// One sentence for each inspectorate and year the scenario leaves over capacity and changes. "Take over" when it is
    /// within capacity now; "leave over", with how far over it is now, when it already is, so the scenario is not blamed for that.
    /// </summary>
    public IReadOnlyList<string> Warnings => Over.Where(o => o.Line.Change != 0).Select(o => o.Line.LeftNow >= 0
        ? $"{Capitalised(Doing)} would take {o.Line.Name} over its {o.Year.Label} capacity by {Days(o.Line.OverBy)}"
        : $"{Capitalised(Doing)} would leave {o.Line.Name} over its {o.Year.Label} capacity by {Days(o.Line.OverBy)}: it is over by {Days(-o.Line.LeftNow)} now").ToList();

    /// <summary>The inspectorates and years over capacity already that the scenario does not touch: true, but not its doing.</summary>
    public IReadOnlyList<string> AlreadyOver => Over.Where(o => o.Line.Change == 0)
        .Select(o => $"{o.Line.Name} is already over its {o.Year.Label} capacity by {Days(o.Line.OverBy)}, and this scenario does not change that").ToList();

    /// <summary>What the page says when the scenario takes no one over: everyone stays within, unless some already are not.</summary>
    public string NoneTakenOver => Over.Count == 0
        ? $"Everyone stays within capacity after {Doing}"
        : $"{Capitalised(Doing)} would take no one over capacity";

    public static string Days(int days) => $"{days.ToString("N0", CultureInfo.InvariantCulture)} inspector-{(days == 1 ? "day" : "days")}";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static IEnumerable<string> Distinct(IEnumerable<string?> values) =>
        (values ?? []).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.Ordinal);
}
