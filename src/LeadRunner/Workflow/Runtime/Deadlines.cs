using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// When a step's deadline falls. A deadline is the end of a day in Asia/Shanghai: the date named by a programme
/// setting or by a case variable (plus N calendar days when given), or the last of N working/calendar days counted
/// from the day the step was entered as day 1.
/// </summary>
public sealed class Deadlines(WorkingDayCalendar calendar)
{
    public DateTimeOffset DueAt(DeadlineDefinition deadline, CaseContext context) => DueAt(deadline, context.Now, context.Settings, context.Variables);

    /// <summary>The deadline of a step entered at <paramref name="enteredAt"/> under the given year's settings and the case's variables.</summary>
    public DateTimeOffset DueAt(DeadlineDefinition deadline, DateTimeOffset enteredAt, JsonObject? settings, JsonObject? variables)
    {
        var entered = DateOnly.FromDateTime(enteredAt.ToChina().DateTime);
        var lastDay = deadline.Kind switch
        {
            DeadlineKind.Setting => SettingDate(deadline.Setting!, settings),
            DeadlineKind.WorkingDays => calendar.Period(entered, Days(deadline, settings)).End,
            DeadlineKind.CalendarDays => entered.AddDays(Days(deadline, settings) - 1),
            DeadlineKind.Variable => VariableDate(deadline.Variable!, variables)
                .AddDays(deadline.Days is null && deadline.DaysSetting is null ? 0 : Days(deadline, settings)),
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

    /// <summary>A date variable's day: "yyyy-MM-dd", or a date-time read in Asia/Shanghai (date variables accept both).</summary>
    private static DateOnly VariableDate(string variable, JsonObject? variables)
    {
        var text = variables?[variable] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.TodayIn()
            : throw new Scripting.ScriptFailureException($"案件变量“{variable}”中没有有效的日期。");
    }
}
