using System.Globalization;
using System.Text;

namespace LeadRunner.Rounds.Dashboard;

/// <summary>
/// The numbers behind each dashboard chart as CSV: UTF-8 with a byte-order mark so that Excel reads the Chinese,
/// CRLF line ends, and a cell that would start a formula (=, +, -, @) prefixed with an apostrophe.
/// </summary>
public static class StatsCsv
{
    /// <summary>The chart names of <c>/api/rounds/{year}/stats/{chart}.csv</c> and the title each file is named after.</summary>
    public static readonly IReadOnlyDictionary<string, string> Charts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["units"] = "各报送单位各环节企业数",
        ["rules"] = "认定条件符合率",
        ["special"] = "专项条件类别",
        ["durations"] = "各环节办理天数",
        ["overdue"] = "逾期待办",
    };

    public static byte[] Write(string chart, RoundStats.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = chart switch
        {
            "units" => Units(report),
            "rules" => Rules(report),
            "special" => Special(report),
            "durations" => Durations(report),
            "overdue" => Overdue(report),
            _ => throw new ArgumentOutOfRangeException(nameof(chart), chart, "Unknown chart."),
        };
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static IEnumerable<IEnumerable<object>> Units(RoundStats.Report r)
    {
        yield return ["报送单位", .. r.Steps.Select(s => s.Title), "合计"];
        foreach (var unit in r.ByUnit)
        {
            yield return [unit.UnitName, .. r.Steps.Select(s => (object)unit.ByStep.GetValueOrDefault(s.Id)), unit.Total];
        }
        yield return ["合计", .. r.Steps.Select(s => (object)r.ByStep.GetValueOrDefault(s.Id)), r.Total];
    }

    private static IEnumerable<IEnumerable<object>> Rules(RoundStats.Report r)
    {
        yield return ["认定条件", "条件类别", "符合", "不符合", "需审核人员判断", "规则出错", "符合率（%）"];
        foreach (var rule in r.Rules)
        {
            var checkedCount = rule.Pass + rule.Fail + rule.NeedsJudgement + rule.Errors;
            yield return [rule.Title, rule.JudgementTitle, rule.Pass, rule.Fail, rule.NeedsJudgement, rule.Errors,
                checkedCount == 0 ? "" : Math.Round(100.0 * rule.Pass / checkedCount, 1)];
        }
    }

    private static IEnumerable<IEnumerable<object>> Special(RoundStats.Report r)
    {
        yield return ["专项条件类别", "申报企业数", "核验符合企业数"];
        foreach (var c in r.SpecialCategories)
        {
            yield return [c.Category, c.Claimed, c.Met];
        }
    }

    private static IEnumerable<IEnumerable<object>> Durations(RoundStats.Report r)
    {
        yield return ["环节", "已办结次数", "平均天数（自然日）", "中位天数（自然日）"];
        foreach (var d in r.Durations)
        {
            yield return [d.Title, d.Stays, d.AverageDays, d.MedianDays];
        }
    }

    private static IEnumerable<IEnumerable<object>> Overdue(RoundStats.Report r)
    {
        yield return ["企业名称", "统一社会信用代码", "报送单位", "县（市、区）", "环节", "办理期限", "逾期天数"];
        foreach (var t in r.Overdue)
        {
            yield return [t.Enterprise, t.Uscc, t.UnitName, t.CountyName, t.StepTitle,
                Hosting.ChinaTime.ToChina(t.DueAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), t.DaysOverdue];
        }
    }

    private static string Cell(object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
