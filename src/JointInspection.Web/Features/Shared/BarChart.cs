using System.Globalization;

namespace JointInspection.Web.Features;

/// <summary>One set of figures in a bar chart, with its colour (GOV.UK's palette).</summary>
public sealed record ChartSeries(string Name, string Fill);

/// <summary>One row of a bar chart: what it counts, and one figure for each series.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<int> Values);

/// <summary>One bar, or one segment of a stacked bar, in the SVG's own units, with the words a pointer shows over it.</summary>
public sealed record ChartBar(double X, double Y, double Width, double Height, string Fill, string Title);

/// <summary>A figure written beside its bar.</summary>
public sealed record ChartFigure(double X, double Y, string Text);

/// <summary>
/// A horizontal bar chart drawn on the server, as the risk and resources matrix is: each row's label above its bar so that
/// long names fit, one bar per series side by side or the series stacked into one, figures at the bar ends, and an axis from
/// 0 to a round number. Colour is never the only way to read it: the page gives the same figures in a table beside it.
/// </summary>
public sealed class BarChart
{
    public const double Width = 720;
    public const double PlotLeft = 8;
    public const double PlotRight = 660;
    public const double LegendHeight = 32;
    public const double LabelHeight = 20;
    public const double RowGap = 14;
    public const double AxisHeight = 36;
    public const int LongestLabel = 90;

    private const double StackedBar = 18;
    private const double GroupedBar = 14;

    public BarChart(
        string id, string title, string description, string rowHeading, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartRow> rows, bool stacked = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rows);
        Id = id;
        Title = title;
        Description = description;
        RowHeading = rowHeading;
        Series = series;
        Rows = rows;
        Stacked = stacked;
        var largest = rows.Count == 0 ? 0 : rows.Max(r => stacked ? r.Values.Sum() : r.Values.DefaultIfEmpty().Max());
        (Max, Step) = ChartScale.Axis(largest, emptyTop: 10);
        PlotTop = series.Count > 1 ? LegendHeight : 8;
        var rowHeight = LabelHeight + (stacked ? StackedBar : GroupedBar * series.Count) + RowGap;
        PlotBottom = PlotTop + (rows.Count * rowHeight);
        Height = PlotBottom + AxisHeight;
        Layout(rowHeight);
    }

    /// <summary>Unique on the page: the title and description are named by it.</summary>
    public string Id { get; }

    public string Title { get; }

    /// <summary>What the chart shows, for those who cannot see it; it should say that a table gives the same figures.</summary>
    public string Description { get; }

    /// <summary>What the rows are, as the table beside the chart heads its first column.</summary>
    public string RowHeading { get; }

    public IReadOnlyList<ChartSeries> Series { get; }

    public IReadOnlyList<ChartRow> Rows { get; }

    public bool Stacked { get; }

    public int Max { get; }

    public int Step { get; }

    public double PlotTop { get; }

    public double PlotBottom { get; }

    public double Height { get; }

    public List<(double Y, string Text)> Labels { get; } = [];

    public List<ChartBar> Bars { get; } = [];

    /// <summary>Where each row's bars are, top and height: the grid is drawn only there, so that no line crosses a label.</summary>
    public List<(double Y, double Height)> BarBands { get; } = [];

    public List<ChartFigure> Figures { get; } = [];

    public IEnumerable<(double X, string Label)> Ticks =>
        Enumerable.Range(0, (Max / Step) + 1).Select(i => (XOf(i * Step), (i * Step).ToString("N0", CultureInfo.InvariantCulture)));

    public double XOf(int value) => PlotLeft + ((double)value / Max * (PlotRight - PlotLeft));

    /// <summary>A label cut to fit across the chart; the table beside it has the whole of it.</summary>
    public static string Fit(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.Length <= LongestLabel ? label : $"{label[..(LongestLabel - 1)].TrimEnd()}…";
    }

    private void Layout(double rowHeight)
    {
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            var top = PlotTop + (r * rowHeight);
            Labels.Add((top + 15, Fit(row.Label)));
            var barTop = top + LabelHeight;
            BarBands.Add((barTop, Stacked ? StackedBar : GroupedBar * Series.Count));
            if (Stacked)
            {
                var x = PlotLeft;
                for (var s = 0; s < Series.Count; s++)
                {
                    var width = XOf(row.Values[s]) - PlotLeft;
                    if (row.Values[s] > 0)
                    {
                        Bars.Add(new ChartBar(x, barTop, width, StackedBar, Series[s].Fill, $"{row.Label}: {Series[s].Name}: {N(row.Values[s])}"));
                    }

                    x += width;
                }

                Figures.Add(new ChartFigure(x + 6, barTop + 14, N(row.Values.Sum())));
                continue;
            }

            for (var s = 0; s < Series.Count; s++)
            {
                var y = barTop + (s * GroupedBar);
                var title = Series.Count == 1 ? $"{row.Label}: {N(row.Values[s])}" : $"{row.Label}: {Series[s].Name}: {N(row.Values[s])}";
                Bars.Add(new ChartBar(PlotLeft, y, XOf(row.Values[s]) - PlotLeft, GroupedBar - 2, Series[s].Fill, title));
                Figures.Add(new ChartFigure(XOf(row.Values[s]) + 6, y + 11, N(row.Values[s])));
            }
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
