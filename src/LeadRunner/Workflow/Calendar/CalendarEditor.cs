using LeadRunner.Audit;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Calendar;

/// <summary>
/// Administrators' changes to the calendar: replace a year, set or remove one day. Each change and its audit entry
/// are saved together, and the in-memory calendar is reloaded afterwards.
/// </summary>
public sealed class CalendarEditor(LeadRunnerDb db, AuditLog audit, WorkingDayCalendar calendar)
{
    public abstract record Outcome
    {
        public sealed record Saved(string Message) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
    }

    public async Task<Outcome> ReplaceYearAsync(int year, CalendarYearBody? body, CancellationToken ct)
    {
        var (days, errors) = CalendarYearChange.Validate(year, body);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var current = await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToDictionaryAsync(d => d.Date, ct);
        var wanted = days.ToDictionary(d => d.Date);
        var removed = current.Values.Where(d => !wanted.ContainsKey(d.Date)).ToList();
        var added = days.Where(d => !current.ContainsKey(d.Date)).ToList();
        var changed = days.Where(d => current.TryGetValue(d.Date, out var old) && !Same(old, d)).ToList();
        var summary = $"节假日 {days.Count(d => d.Kind == CalendarDayKind.Holiday)} 天，调休上班 {days.Count(d => d.Kind == CalendarDayKind.AdjustedWorkday)} 天";
        if (removed.Count + added.Count + changed.Count == 0)
        {
            return new Outcome.Saved($"{year} 年工作日历与提交的内容相同，未作修改（{summary}）。");
        }

        audit.Record("替换年度工作日历", $"{year}年工作日历",
            before: Describe(removed.Concat(changed.Select(d => current[d.Date]))),
            after: Describe(added.Concat(changed)));
        // Changed rows are updated in place: deleting and re-adding the same key in one unit of work is refused by EF.
        foreach (var day in changed)
        {
            current[day.Date].Kind = day.Kind;
            current[day.Date].Name = day.Name;
        }
        db.CalendarDays.RemoveRange(removed);
        db.CalendarDays.AddRange(added);
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return new Outcome.Saved($"已更新 {year} 年工作日历：{summary}。");
    }

    public async Task<Outcome> SetDayAsync(string? date, string? kind, string? name, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CalendarDates.TryParse(date, out var day) || !CalendarDates.IsEditableYear(day.Year))
        {
            errors["date"] = [$"请填写 {CalendarDates.FirstYear}～{CalendarDates.LastYear} 年间的日期，格式为 YYYY-MM-DD。"];
        }
        if (!Enum.TryParse<CalendarDayKind>(kind, out var dayKind) || !Enum.IsDefined(dayKind))
        {
            errors["kind"] = ["请选择类型：节假日或调休上班。"];
        }
        if (CalendarYearChange.CheckName(name) is { } problem)
        {
            errors["name"] = [problem];
        }
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }

        var wanted = new CalendarDay { Date = day, Kind = dayKind, Name = name!.Trim() };
        var existing = await db.CalendarDays.FindAsync([day], ct);
        if (existing is not null && Same(existing, wanted))
        {
            return new Outcome.Saved($"{Describe([wanted])} 已在日历中，未作修改。");
        }
        audit.Record(existing is null ? "添加工作日历日期" : "修改工作日历日期", day.Text(),
            before: existing is null ? null : Describe([existing]), after: Describe([wanted]));
        if (existing is null)
        {
            db.CalendarDays.Add(wanted);
        }
        else
        {
            (existing.Kind, existing.Name) = (wanted.Kind, wanted.Name);
        }
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return new Outcome.Saved($"已{(existing is null ? "添加" : "修改为")} {Describe([wanted])}。");
    }

    public async Task<Outcome> RemoveDayAsync(string? date, CancellationToken ct)
    {
        var existing = CalendarDates.TryParse(date, out var day) ? await db.CalendarDays.FindAsync([day], ct) : null;
        if (existing is null)
        {
            return new Outcome.Invalid(new() { ["date"] = [$"日期“{date}”不在工作日历中。"] });
        }
        audit.Record("删除工作日历日期", day.Text(), before: Describe([existing]));
        db.CalendarDays.Remove(existing);
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return new Outcome.Saved($"已删除 {Describe([existing])}。");
    }

    private static bool Same(CalendarDay a, CalendarDay b) => a.Kind == b.Kind && a.Name == b.Name;

    private static string? Describe(IEnumerable<CalendarDay> days) =>
        days.Any()
            ? string.Join("；", days.OrderBy(d => d.Date).Select(d => $"{d.Date.Text()}（{d.Date.WeekdayName()}）{d.Kind.KindName()} {d.Name}"))
            : null;
}
