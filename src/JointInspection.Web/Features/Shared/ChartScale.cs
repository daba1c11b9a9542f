using System.Globalization;

namespace JointInspection.Web.Features;

/// <summary>
/// What every server-drawn SVG chart shares: numbers written the way SVG attributes read them, and an axis that runs to a
/// round number in a few even steps.
/// </summary>
public static class ChartScale
{
    private static readonly int[] StepMultiples = [1, 2, 5, 10];

    /// <summary>A number for an SVG attribute: invariant, and short.</summary>
    public static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A round top for an axis and the step between its ticks: 1, 2 or 5 times a power of ten, at most five steps. With
    /// nothing to show the axis still runs to <paramref name="emptyTop"/>, so an empty chart looks like the chart it will become.
    /// </summary>
    public static (int Max, int Step) Axis(int largest, int emptyTop = 100)
    {
        var top = largest <= 0 ? emptyTop : Math.Max(largest, 5);
        var magnitude = (int)Math.Pow(10, Math.Floor(Math.Log10(top / 5.0)));
        magnitude = Math.Max(magnitude, 1);
        var step = StepMultiples.Select(m => m * magnitude).First(s => s * 5 >= top);
        return ((top + step - 1) / step * step, step);
    }
}
