using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Overview;

/// <summary>Risk against resources at a glance, for every staff role: the assessed suggestions and each inspectorate's capacity.</summary>
public sealed class OverviewModel(RiskResourcesReader reader, ProgrammeReader programmes, IAuthorizationService authorization) : PageModel
{
    public RiskResources Data { get; private set; } = null!;

    public RiskMatrixChart Chart { get; private set; } = null!;

    /// <summary>The round shown: ?round= names one, else the current round.</summary>
    public Programme.Programme Programme { get; private set; } = null!;

    public IReadOnlyList<Rounds.ProgrammeRound> Rounds { get; private set; } = [];

    /// <summary>The scenario's choices as the query gave them, matched to the round's; empty when none were asked for.</summary>
    public ScenarioSelection Selection { get; private set; } = new([], [], [], []);

    /// <summary>What the scenario would leave; null when none was asked for, or when it named something the round does not offer.</summary>
    public CapacityScenario? Scenario { get; private set; }

    /// <summary>Set when "Show what this would leave" was pressed with nothing ticked.</summary>
    public string? NothingChosenError { get; private set; }

    /// <summary>Errors for the error summary, by the id of the checkbox each links to.</summary>
    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];

    /// <summary>The TempData key of what was just saved, shown in a banner: a move proposed from the scenario.</summary>
    public const string Done = "overview-done";

    /// <summary>The secretariat moves work that needs no one else's agreement.</summary>
    public bool CanManageProgramme { get; private set; }

    /// <summary>Set for a chief inspector: the inspectorate they lead, whose joint proposals they may move.</summary>
    public string? ChiefInspectorOf { get; private set; }

    /// <summary>The name of the scenario form's button: sent when it is pressed, so an empty scenario can be told from none asked for.</summary>
    public const string ShowParameter = "scenario";

    /// <summary>
    /// The overview, and with accept= (references) and move= (slugs) a "what if" scenario over its capacity. The
    /// scenario is a GET so that it saves nothing and its address can be shared.
    /// </summary>
    public async Task<IActionResult> OnGetAsync(
        string? round, [FromQuery(Name = "accept")] string[]? accept, [FromQuery(Name = "move")] string[]? move,
        [FromQuery(Name = ShowParameter)] string? show, CancellationToken cancellationToken)
    {
        var programme = round is null ? await programmes.ReadAsync(cancellationToken) : await programmes.ReadAsync(round, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }

        Programme = programme;
        Rounds = [.. (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round)];
        Data = await reader.ReadAsync(programme, cancellationToken);
        Chart = RiskMatrixChart.For(Data.Suggestions);

        // Who may act on a move is decided by the policies of the pages that save it; here it only chooses what to offer.
        CanManageProgramme = (await authorization.AuthorizeAsync(User, PortalPolicies.ManageProgramme)).Succeeded;
        ChiefInspectorOf = (await authorization.AuthorizeAsync(User, PortalPolicies.ChiefInspector)).Succeeded ? User.Inspectorate() : null;
        Selection = CapacityScenario.Select(Data.Scenario, accept ?? [], move ?? []);
        if (Selection.HasUnknown)
        {
            // GOV.UK's way with a mistake: say what to fix and show nothing computed from a scenario other than the one asked for.
            Errors = [.. new[]
            {
                Selection.SuggestionsError is { } s ? new ErrorLink("accept", s, "#accept") : null,
                Selection.WorkstreamsError is { } w ? new ErrorLink("move", w, "#move") : null,
            }.OfType<ErrorLink>()];
        }
        else if (!Selection.IsEmpty)
        {
            Scenario = CapacityScenario.Of(Data.Years, Selection.Accepted, Selection.Moved);
        }
        else if (show is not null && !Data.Scenario.IsEmpty)
        {
            NothingChosenError = "Select a suggestion to accept or a workstream to move";
            Errors = [new ErrorLink("accept", NothingChosenError, Data.Scenario.Suggestions.Count > 0 ? "#accept" : "#move")];
        }

        if (Errors.Count > 0)
        {
            // The query asked for something this round cannot show; the page still comes back, saying what to untick.
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>What a suggestion's checkbox says under it: its risk, its year and days, and what accepting it would draw.</summary>
    public string Hint(PendingSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var risk = suggestion.Risk;
        var hint = $"Risk score {risk.Value} ({RiskScore.BandLabel(risk.Band).ToLowerInvariant()}). Assessed for {Features.Rounds.ProgrammeYear.LabelOf(suggestion.ProgrammeYear)}: "
            + $"{CapacityScenario.Days(suggestion.TotalDays)}{DaysByInspectorate(suggestion.Days)}.";
        var drawn = suggestion.Drawn.Values.Sum();
        return drawn == suggestion.TotalDays ? hint : $"{hint} Accepting it draws {N(drawn)} of them: those of the inspectorates it names.";
    }

    /// <summary>
    /// What a workstream's checkbox says under it: proposed or agreed (and where a joint proposal's agreement stands), its
    /// days, the year they would move to, and who would have to agree again.
    /// </summary>
    public string Hint(MovableWorkstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        var what = workstream switch
        {
            { IsProposed: false } => "Agreed",
            { IsProvisional: true } => "Proposed, awaiting agreement, so its days are provisional",
            { NeedsAgreement: true } => "Proposed and agreed",
            _ => "Proposed",
        };
        var hint = $"{what}. {CapacityScenario.Days(workstream.TotalDays)}{DaysByInspectorate(workstream.Days)} in "
            + $"{Features.Rounds.ProgrammeYear.LabelOf(workstream.ProgrammeYear)}; would move to {Features.Rounds.ProgrammeYear.LabelOf(workstream.MovesTo)}";
        return workstream.NeedsAgreement
            ? $"{hint}, its days provisional there until every inspectorate taking part agrees again."
            : $"{hint}.";
    }

    /// <summary>
    /// Where this person can move the workstream and see the effect before saving: the secretariat's page for work that
    /// needs no one else's agreement, or for a joint proposal its lead's chief inspector's; null when it is someone else's to move.
    /// </summary>
    public string? MoveLink(MovableWorkstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        var to = $"?to={Uri.EscapeDataString(workstream.MovesTo)}";
        return workstream.NeedsAgreement
            ? ChiefInspectorOf is not null && ChiefInspectorOf == workstream.Lead ? PortalPaths.MoveProposal(workstream.OriginReference!) + to : null
            : CanManageProgramme ? PortalPaths.MoveWorkstreamToYear(Programme.Round.Code, workstream.Slug) + to : null;
    }

    /// <summary>Who can move it, for those who cannot.</summary>
    public string WhoMoves(MovableWorkstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        if (!workstream.NeedsAgreement)
        {
            return "The secretariat can move it in the draft programme.";
        }

        var others = (workstream.Parties ?? []).Where(code => code != workstream.Lead).ToList();
        return $"The chief inspector of {Names([workstream.Lead ?? ""])}, which leads it, can move it by revising the decision on {workstream.OriginReference}; "
            + $"{Names(others)} would be asked to agree again.";
    }

    /// <summary>"HMI Prisons and HMI Probation", in the order given.</summary>
    public string Names(IEnumerable<string> codes)
    {
        var names = codes.Select(code => Programme.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
    }

    /// <summary>" (HMCPSI 40, HMI Probation 60)" in the programme's order of inspectorates; nothing for no days.</summary>
    private string DaysByInspectorate(IReadOnlyDictionary<string, int> days)
    {
        var parts = Programme.Inspectorates.Where(i => days.GetValueOrDefault(i.Code) > 0).Select(i => $"{i.ShortName} {N(days[i.Code])}").ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The GOV.UK tag colour each band wears in the table.</summary>
    public static string TagClass(RiskBand band) => band switch
    {
        RiskBand.Low => "govuk-tag govuk-tag--green",
        RiskBand.Medium => "govuk-tag govuk-tag--yellow",
        RiskBand.High => "govuk-tag govuk-tag--orange",
        _ => "govuk-tag govuk-tag--red",
    };
}

public sealed record ChartPoint(AssessedSuggestion Suggestion, double X, double Y);

public sealed record ChartTick(double Position, string Label);

/// <summary>A band's stripe across the plot, from the midpoint below its lowest score to the midpoint above its highest.</summary>
public sealed record ChartBand(RiskBand Band, string Label, double X, double Width, string Fill, string PointFill);

/// <summary>
/// Where everything in the risk matrix goes, in the SVG's own units. Across is the risk score on a linear 1–25 scale
/// (so the bands' widths show how many scores they hold); up is total inspector-days from 0 to a round maximum.
/// </summary>
public sealed class RiskMatrixChart
{
    public const double Width = 720;
    public const double Height = 440;
    public const double PlotLeft = 80;
    public const double PlotRight = 704;
    public const double PlotTop = 44;
    public const double PlotBottom = 372;
    public const double PointRadius = 6;

    /// <summary>Every product of two numbers from 1 to 5: the only scores there can be, so the ones worth a tick.</summary>
    public static readonly IReadOnlyList<int> Scores = [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25];

    // Spacing of the sunflower that spreads points with the same score and days: close enough to read as one
    // place, far enough apart that every circle shows.
    private const double Spread = 4.5;
    private static readonly double GoldenAngle = Math.PI * (3 - Math.Sqrt(5));

    private RiskMatrixChart(int maxDays, int step, IReadOnlyList<ChartPoint> points)
    {
        MaxDays = maxDays;
        Step = step;
        Points = points;
    }

    public int MaxDays { get; }

    public int Step { get; }

    public IReadOnlyList<ChartPoint> Points { get; }

    public IReadOnlyList<ChartTick> XTicks => Scores.Select(s => new ChartTick(XOf(s), s.ToString(CultureInfo.InvariantCulture))).ToList();

    public IReadOnlyList<ChartTick> YTicks =>
        Enumerable.Range(0, (MaxDays / Step) + 1).Select(i => new ChartTick(YOf(i * Step), (i * Step).ToString("N0", CultureInfo.InvariantCulture))).ToList();

    public static IReadOnlyList<ChartBand> Bands { get; } =
    [
        Band(RiskBand.Low, 1, 4, "#cce2d8", "#00703c"),
        Band(RiskBand.Medium, 5, 9, "#fff7bf", "#ffdd00"),
        Band(RiskBand.High, 10, 16, "#fcd6c3", "#f47738"),
        // No score falls in 17–19, so the stripe starts where high ends; its label names the scores it can hold.
        Band(RiskBand.VeryHigh, 17, 25, "#f4cdc6", "#d4351c", lowestScore: 20),
    ];

    public static RiskMatrixChart For(IReadOnlyList<AssessedSuggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        var (max, step) = Axis(suggestions.Count == 0 ? 0 : suggestions.Max(s => s.Days));
        var points = new List<ChartPoint>(suggestions.Count);
        foreach (var group in suggestions.GroupBy(s => (s.Score, s.Days)))
        {
            var x = XOf(group.Key.Score);
            var y = YOf(group.Key.Days, max);
            var k = 0;
            foreach (var suggestion in group.OrderBy(s => s.Id))
            {
                var radius = Spread * Math.Sqrt(k);
                var angle = k * GoldenAngle;
                points.Add(new ChartPoint(
                    suggestion,
                    Math.Clamp(x + (radius * Math.Cos(angle)), PlotLeft + PointRadius, PlotRight - PointRadius),
                    Math.Clamp(y - (radius * Math.Sin(angle)), PlotTop + PointRadius, PlotBottom - PointRadius)));
                k++;
            }
        }

        return new RiskMatrixChart(max, step, points);
    }

    /// <summary>A round top for the days axis and the step between its ticks, as every chart of the portal rounds its axis.</summary>
    public static (int Max, int Step) Axis(int largest) => ChartScale.Axis(largest);

    public static double XOf(double score) => PlotLeft + ((score - 0.5) / 25 * (PlotRight - PlotLeft));

    public double YOf(int days) => YOf(days, MaxDays);

    /// <summary>A number for an SVG attribute: invariant, and short.</summary>
    public static string Num(double value) => ChartScale.Num(value);

    private static double YOf(int days, int max) => PlotBottom - ((double)days / max * (PlotBottom - PlotTop));

    private static ChartBand Band(RiskBand band, int from, int to, string fill, string pointFill, int? lowestScore = null)
    {
        var left = XOf(from);
        var label = $"{RiskScore.BandLabel(band)} ({lowestScore ?? from}–{to})";
        return new ChartBand(band, label, left - (XOf(1) - PlotLeft), XOf(to) - XOf(from) + (2 * (XOf(1) - PlotLeft)), fill, pointFill);
    }
}
