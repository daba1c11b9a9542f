using System.Globalization;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// Who took part, as the outcome page charts it. Colours are GOV.UK's, each with at least 3:1 contrast against the white
/// page; a stacked bar's segments are parted by white lines, and every figure is in the table beside the chart.
/// </summary>
public static class ParticipationCharts
{
    private const string Blue = "#1d70b8";
    private const string Purple = "#4c2c92";
    private const string Green = "#00703c";
    private const string Red = "#d4351c";
    private const string Grey = "#505a5f";
    private const string TableFollows = "The table after the chart gives the same figures.";

    public static BarChart Kinds(Participation p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BarChart(
            "chart-kinds", "Responses and suggested topics", $"{N(p.Responses)} responses and {N(p.Suggestions)} suggested topics. {TableFollows}", "Kind",
            [new("Number received", Blue)], [new("Responses to the draft programme", [p.Responses]), new("Suggested topics", [p.Suggestions])]);
    }

    public static BarChart RespondentTypes(Participation p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BarChart(
            "chart-respondent-types", "Who responded", $"{N(p.Individuals)} from individuals and {N(p.Organisations)} from organisations. {TableFollows}",
            "Respondent", [new("Number received", Blue)], [new("Individuals", [p.Individuals]), new("Organisations", [p.Organisations])]);
    }

    public static BarChart Inspectorates(Participation p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BarChart(
            "chart-inspectorates", "Inspectorates suggested topics named",
            $"For each inspectorate, how many suggested topics said it should take part, and how many said it should lead. {TableFollows}",
            "Inspectorate",
            [new("Should take part", Blue), new("Should lead", Purple)],
            [.. p.Inspectorates.Select(i => new ChartRow(i.Name, [i.TakePart, i.Lead]))]);
    }

    public static BarChart AreasOfFocus(Participation p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BarChart(
            "chart-areas-of-focus", "Areas of focus",
            $"For each area of focus, how many suggested topics were about it and how many responses were to it. {TableFollows}",
            "Area of focus",
            [new("Suggested topics about it", Blue), new("Responses to it", Purple)],
            [.. p.AreasOfFocus.Select(a => new ChartRow(a.Name, [a.Suggestions, a.Responses]))]);
    }

    public static BarChart Stances(Participation p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BarChart(
            "chart-stances", "What respondents thought of the programme and each workstream",
            "For the programme as a whole and for each workstream, the responses to it stacked by what they thought: support, support with changes, "
            + $"do not support, and no view either way. {TableFollows}",
            "Responses to",
            [new("Support", Green), new("Support with changes", Blue), new("Do not support", Red), new("No view", Grey)],
            [.. p.Stances.Select(s => new ChartRow(s.Label, s.Values))],
            stacked: true);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
