using System.Text;

namespace Kairos.Server.Metrics;

/// <summary>
/// An ordered, immutable set of label pairs (<c>status="succeeded"</c>). Two label sets name the same series
/// when their pairs are equal in the same order; build them always in the same order.
/// </summary>
public sealed class MetricLabels
{
    private readonly KeyValuePair<string, string>[] _pairs;

    private MetricLabels(KeyValuePair<string, string>[] pairs)
    {
        _pairs = pairs;
        Key = Render(pairs);
    }

    /// <summary>No labels.</summary>
    public static MetricLabels None { get; } = new([]);

    /// <summary>The pairs in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>The rendered form (<c>{a="1",b="2"}</c>, empty for none); also the series' identity.</summary>
    public string Key { get; }

    /// <summary>One label.</summary>
    public static MetricLabels Of(string name, string value) => None.And(name, value);

    /// <summary>These labels plus one more.</summary>
    public MetricLabels And(string name, string value)
    {
        MetricNames.ValidateLabel(name);
        ArgumentNullException.ThrowIfNull(value);
        return new MetricLabels([.. _pairs, new(name, value)]);
    }

    /// <summary>Renders the labels with one extra pair appended (the histogram's <c>le</c>).</summary>
    internal string RenderWith(string name, string value) => Render([.. _pairs, new(name, value)]);

    /// <inheritdoc />
    public override string ToString() => Key;

    private static string Render(KeyValuePair<string, string>[] pairs)
    {
        if (pairs.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("{");
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(pairs[i].Key).Append("=\"");
            foreach (var c in pairs[i].Value)
            {
                // The exposition format escapes exactly these three in label values.
                _ = c switch
                {
                    '\\' => text.Append(@"\\"),
                    '"' => text.Append("\\\""),
                    '\n' => text.Append(@"\n"),
                    _ => text.Append(c),
                };
            }

            text.Append('"');
        }

        return text.Append('}').ToString();
    }
}
