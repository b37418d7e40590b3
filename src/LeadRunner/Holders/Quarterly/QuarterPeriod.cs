using System.Globalization;
using System.Text.RegularExpressions;

namespace LeadRunner.Holders.Quarterly;

/// <summary>A calendar quarter as obligations name it ("2024Q4"), with its first and last day and its Chinese name.</summary>
public readonly partial record struct QuarterPeriod(int Year, int Quarter)
{
    private static readonly string[] Numerals = ["一", "二", "三", "四"];

    public DateOnly FirstDay => new(Year, Quarter * 3 - 2, 1);
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);
    public QuarterPeriod Next => Quarter == 4 ? new(Year + 1, 1) : new(Year, Quarter + 1);

    /// <summary>第四季度, as the quarterly-update form's quarter select writes it.</summary>
    public string QuarterName => $"第{Numerals[Quarter - 1]}季度";

    /// <summary>2024年第四季度</summary>
    public string Title => $"{Year}年{QuarterName}";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Quarter}");

    public static QuarterPeriod Of(DateOnly day) => new(day.Year, (day.Month + 2) / 3);

    /// <summary>"2024Q3" (case of the Q ignored); years 2000–2100.</summary>
    public static bool TryParse(string? text, out QuarterPeriod period)
    {
        period = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }
        period = new QuarterPeriod(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0] - '0');
        return period.Year is >= 2000 and <= 2100;
    }

    /// <summary>The quarters that end after <paramref name="after"/> and have ended by <paramref name="today"/> (their last day is before it).</summary>
    public static IEnumerable<QuarterPeriod> EndedBetween(DateOnly after, DateOnly today)
    {
        for (var q = Of(after); q.LastDay < today; q = q.Next)
        {
            if (q.LastDay > after)
            {
                yield return q;
            }
        }
    }

    [GeneratedRegex(@"^(\d{4})[Qq]([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
