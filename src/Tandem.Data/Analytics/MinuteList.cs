namespace Tandem.Data.Analytics;

/// <summary>The minute lists of handoff_speed_daily: whole minutes, comma-separated, ascending; '' for none.</summary>
internal static class MinuteList
{
    /// <summary>The values of <paramref name="list"/>, in its order.</summary>
    public static List<long> Parse(string list)
    {
        var values = new List<long>();
        AddTo(values, list);
        return values;
    }

    /// <summary>Appends the values of <paramref name="list"/> to <paramref name="values"/>, without a string per value (a month's read parses tens of thousands).</summary>
    public static void AddTo(List<long> values, ReadOnlySpan<char> list)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (list.IsEmpty) return;
        long value = 0;
        var negative = false;
        foreach (var c in list)
        {
            if (c == ',')
            {
                values.Add(negative ? -value : value);
                (value, negative) = (0, false);
            }
            else if (c == '-') negative = true;
            else value = checked(value * 10 + (c - '0'));
        }
        values.Add(negative ? -value : value);
    }
}
