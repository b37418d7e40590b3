using System.Globalization;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

/// <summary>
/// 逾期不予受理: after the year's deadline for a stage (end of that day, Beijing time) the action is refused,
/// unless an administrator granted the unit or the enterprise an extension that still runs.
/// </summary>
public sealed class DeadlinePolicy(LeadRunnerDb db, ProgrammeSettings programmes, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, string> Stages = new Dictionary<string, string>
    {
        ["enterprise"] = "企业提交",
        ["county"] = "县级审核",
        ["city"] = "市级报送",
    };

    /// <summary>Null when the action is on time (or extended); otherwise the Chinese reason for refusing it.</summary>
    public async Task<string?> RefusalAsync(int year, string stage, int? enterpriseId, string? unitCode)
    {
        var settings = programmes.ForYear(year);
        if (ProgrammeSettings.Read(settings, $"deadlines.{stage}") is not { } node
            || !DateOnly.TryParseExact(node.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
        {
            return null; // no deadline set for this stage this year
        }
        var today = clock.TodayInChina();
        if (today <= deadline)
        {
            return null;
        }
        var extended = await db.DeadlineExtensions.AnyAsync(e => e.Year == year && e.Stage == stage && e.Until >= today
            && ((enterpriseId != null && e.EnterpriseId == enterpriseId) || (unitCode != null && e.UnitCode == unitCode)));
        return extended ? null : $"{year} 年度{Stages[stage]}截止日期为 {deadline:yyyy年M月d日}，已逾期，不予受理。如确有特殊情况，请联系省工业和信息化厅申请延期。";
    }
}
