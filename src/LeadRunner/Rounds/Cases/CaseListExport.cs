using System.Globalization;
using LeadRunner.Hosting;

namespace LeadRunner.Rounds.Cases;

/// <summary>A work list as an Excel workbook: the rows the filter selects (every page), in its order, with the names a reader knows.</summary>
public static class CaseListExport
{
    public static readonly IReadOnlyList<string> Headers = ["企业名称", "统一社会信用代码", "报送单位", "县（市、区）", "当前环节", "状态", "认定条件", "办理期限"];

    public static async Task<byte[]> WriteAsync(CaseChoices choices, IReadOnlyList<RoundCaseList.Row> rows, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await XlsxSheet.WriteAsync(buffer, string.Create(CultureInfo.InvariantCulture, $"{choices.Year}年度案件"), Headers,
            rows.Select(r => Cells(choices, r)).ToAsyncEnumerable(), ct);
        return buffer.ToArray();
    }

    public static IEnumerable<string?> Cells(CaseChoices choices, RoundCaseList.Row r) =>
    [
        r.Name, r.Uscc, choices.UnitName(r.UnitCode), choices.CountyName(r.CountyCode), choices.StepTitle(r.Step),
        choices.StatusLabel(CaseChoices.StatusOf(r.Status, r.Outcome)), CaseChoices.EligibleLabel(r.Eligible), CaseChoices.LastDay(r.DueAt) ?? "",
    ];
}
