using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// When a step's deadline falls. A deadline is the end of a day in Asia/Shanghai: the date named by a programme
/// setting, or the last of N working/calendar days counted from the day the step was entered as day 1.
/// </summary>
public sealed class Deadlines(WorkingDayCalendar calendar)
{
    public DateTimeOffset DueAt(DeadlineDefinition deadline, CaseContext context) => DueAt(deadline, context.Now, context.Settings);

    /// <summary>The deadline of a step entered at <paramref name="enteredAt"/> under the given year's settings.</summary>
    public DateTimeOffset DueAt(DeadlineDefinition deadline, DateTimeOffset enteredAt, JsonObject? settings)
    {
        var entered = DateOnly.FromDateTime(enteredAt.ToChina().DateTime);
        var lastDay = deadline.Kind switch
        {
            DeadlineKind.Setting => SettingDate(deadline.Setting!, settings),
            DeadlineKind.WorkingDays => calendar.Period(entered, Days(deadline, settings)).End,
            DeadlineKind.CalendarDays => entered.AddDays(Days(deadline, settings) - 1),
            _ => throw new InvalidOperationException($"未知的期限类型 {deadline.Kind}。"),
        };
        return lastDay.AddDays(1).StartOfDayInChina();
    }

    private static int Days(DeadlineDefinition deadline, JsonObject? settings)
    {
        if (deadline.Days is { } days)
        {
            return days;
        }
        var node = ProgrammeSettings.Read(settings, deadline.DaysSetting!);
        return node is not null && int.TryParse(node.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromSettings) && fromSettings > 0
            ? fromSettings
            : throw new Scripting.ScriptFailureException($"年度设置中没有有效的天数“{deadline.DaysSetting}”。");
    }

    private static DateOnly SettingDate(string setting, JsonObject? settings)
    {
        var node = ProgrammeSettings.Read(settings, setting);
        return node is not null && DateOnly.TryParseExact(node.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new Scripting.ScriptFailureException($"年度设置中没有有效的日期“{setting}”。");
    }
}
