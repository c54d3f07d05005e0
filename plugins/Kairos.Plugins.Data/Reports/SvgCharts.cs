using System.Globalization;
using System.Net;
using System.Text;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// Small charts as inline SVG (one <c>&lt;svg&gt;</c> element each, no script, no external file), so the HTML report
/// is one self-contained file. Coordinates are doubles (drawing only); the figures printed on the chart are the exact decimals.
/// </summary>
internal static class SvgCharts
{
    private const int Width = 640;
    private static readonly string[] s_palette = ["#3b6ea5", "#e0913a", "#4c9a68", "#b5475b", "#7a5ea8", "#8c8c8c"];

    /// <summary>A line through <paramref name="points"/> (days in order, placed by date), with the first and last days and the range of values.</summary>
    public static string Line(string title, IReadOnlyList<(DateOnly Day, decimal Value)> points, string unit)
    {
        const int height = 260, left = 90, right = Width - 20, top = 30, bottom = height - 40;
        var svg = Open(title, height);
        if (points.Count == 0)
        {
            return Empty(svg, height);
        }
        var min = points.Min(p => p.Value);
        var max = points.Max(p => p.Value);
        var (low, high) = min == max ? ((double)min - 1, (double)max + 1) : ((double)min, (double)max);
        var span = points[^1].Day.DayNumber - points[0].Day.DayNumber;
        double X(int i) => span == 0 ? (left + right) / 2.0 : left + ((right - left) * (points[i].Day.DayNumber - points[0].Day.DayNumber) / (double)span);
        double Y(decimal v) => bottom - (bottom - top) * (((double)v - low) / (high - low));
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#999\"/>");
        svg.Append("<polyline fill=\"none\" stroke=\"").Append(s_palette[0]).Append("\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', points.Select((p, i) => $"{F(X(i))},{F(Y(p.Value))}")).Append("\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(points[i].Value))}\" r=\"3\" fill=\"{s_palette[0]}\"><title>{Day(points[i].Day)}: {E(Money(points[i].Value))} {E(unit)}</title></circle>");
        }
        Text(svg, left - 6, F(Y(max)), Money(max), "end");
        Text(svg, left - 6, F(Y(min)), Money(min), "end");
        Text(svg, left, bottom + 18, Day(points[0].Day), "start");
        Text(svg, right, bottom + 18, Day(points[^1].Day), "end");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one group per row with one bar per series; negative values extend left of the zero line.</summary>
    public static string Bars(string title, IReadOnlyList<string> series, IReadOnlyList<(string Label, decimal[] Values)> groups, string unit)
    {
        const int labelWidth = 150, valueWidth = 110, barHeight = 16, gap = 12, top = 34;
        var rowHeight = (barHeight * series.Count) + gap;
        var height = top + Math.Max(groups.Count, 1) * rowHeight + 20;
        var svg = Open(title, height);
        if (groups.Count == 0)
        {
            return Empty(svg, height);
        }
        var values = groups.SelectMany(g => g.Values).ToList();
        var low = (double)Math.Min(0m, values.Min());
        var high = (double)Math.Max(0m, values.Max());
        if (high == low)
        {
            high = low + 1;
        }
        const double x0 = labelWidth, x1 = Width - valueWidth;
        double X(decimal v) => x0 + (x1 - x0) * (((double)v - low) / (high - low));
        for (var s = 0; s < series.Count && series.Count > 1; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth + (s * 120)}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{s_palette[s % s_palette.Length]}\"/>");
            Text(svg, labelWidth + (s * 120) + 14, "13", series[s], "start");
        }
        for (var g = 0; g < groups.Count; g++)
        {
            var y = top + (g * rowHeight);
            Text(svg, labelWidth - 8, F(y + (barHeight * series.Count / 2.0) + 4), groups[g].Label, "end");
            for (var s = 0; s < series.Count; s++)
            {
                var value = groups[g].Values[s];
                var (a, b) = (X(0m), X(value));
                var by = y + (s * barHeight);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{F(Math.Min(a, b))}\" y=\"{by}\" width=\"{F(Math.Abs(b - a))}\" height=\"{barHeight - 2}\" fill=\"{s_palette[s % s_palette.Length]}\"><title>{E(groups[g].Label)} {E(series[s])}: {E(Money(value))} {E(unit)}</title></rect>");
                Text(svg, F(Math.Max(a, b) + 4), F(by + barHeight - 4), Money(value), "start");
            }
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(0m))}\" y1=\"{top - 4}\" x2=\"{F(X(0m))}\" y2=\"{height - 16}\" stroke=\"#999\"/>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>An amount as the report prints it: thousands separated, two decimals at least (1,234.50).</summary>
    public static string Money(decimal value) => value.ToString("#,##0.00##########", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string title, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(title)}\" font-family=\"sans-serif\" font-size=\"12\"><title>{E(title)}</title>");

    private static string Empty(StringBuilder svg, int height)
    {
        Text(svg, Width / 2, F(height / 2.0), "no data for this period", "middle");
        return svg.Append("</svg>").ToString();
    }

    private static void Text(StringBuilder svg, object x, object y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" fill=\"#333\">{E(text)}</text>");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
