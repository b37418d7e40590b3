using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Calendar;

/// <summary>Administrators keep each year's holidays and adjusted working days, and try out a period.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class CalendarAdminModel(LeadRunnerDb db, CalendarEditor editor, WorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    // The first year the programme ran; later years are listed up to next year, whose arrangements come in November.
    private const int FirstListedYear = 2024;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public sealed record HolidayGroup(string Name, IReadOnlyList<CalendarDay> Days);
    public sealed record PeriodCheck(DateOnly Requested, DateOnly Start, DateOnly End, string RequestedReason);

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<HolidayGroup> Groups { get; private set; } = [];
    public string YearJson { get; private set; } = "";
    public string? Message { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public PeriodCheck? Check { get; private set; }
    public string? CheckStart { get; private set; }
    public string? CheckDays { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Json { get; set; }

    public async Task OnGetAsync(string? start, string? days, CancellationToken ct)
    {
        if (Year is { } year && !CalendarDates.IsEditableYear(year))
        {
            Fail(CalendarDates.YearRangeMessage);
            Year = null;
        }
        if (start is not null || days is not null)
        {
            CheckPeriod(start, days);
        }
        await LoadAsync(ct);
    }

    public async Task OnPostAddAsync(CancellationToken ct)
    {
        Show(await editor.SetDayAsync(Date, Kind, Name, ct));
        if (Errors.Count == 0 && CalendarDates.TryParse(Date, out var date))
        {
            Year = date.Year;
        }
        await LoadAsync(ct);
    }

    public async Task OnPostRemoveAsync(CancellationToken ct)
    {
        Show(await editor.RemoveDayAsync(Date, ct));
        await LoadAsync(ct);
    }

    public async Task OnPostImportAsync(CancellationToken ct)
    {
        CalendarYearBody? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(Json) ? null : JsonSerializer.Deserialize<CalendarYearBody>(Json, JsonOptions);
        }
        catch (JsonException e)
        {
            Fail($"JSON 格式有误（第 {(e.LineNumber ?? 0) + 1} 行附近），请检查括号、引号和逗号。");
        }
        if (Errors.Count == 0)
        {
            Show(await editor.ReplaceYearAsync(Year ?? 0, body, ct));
        }
        await LoadAsync(ct);
        if (Errors.Count > 0)
        {
            // Keep what the administrator pasted, so it can be corrected rather than typed again.
            YearJson = Json ?? "";
        }
    }

    private void CheckPeriod(string? start, string? days)
    {
        (CheckStart, CheckDays) = (start, days);
        // The same reading of the values as the public API, so the page and scripts agree.
        var (period, errors) = WorkingDayApi.Period(start, days, calendar);
        if (period is not null && CalendarDates.TryParse(start, out var requested))
        {
            Check = new PeriodCheck(requested, period.Start, period.End, calendar.Explain(requested).Reason);
        }
        else if (errors.Count > 0)
        {
            Fail([.. errors.SelectMany(e => e.Value)]);
        }
    }

    private void Show(CalendarEditor.Outcome outcome)
    {
        switch (outcome)
        {
            case CalendarEditor.Outcome.Saved saved:
                Message = saved.Message;
                break;
            case CalendarEditor.Outcome.Invalid invalid:
                Fail([.. invalid.Errors.SelectMany(e => e.Value)]);
                break;
        }
    }

    private void Fail(params string[] errors)
    {
        Errors = [.. Errors, .. errors];
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.TodayInChina();
        var year = Year is { } y && CalendarDates.IsEditableYear(y) ? y : today.Year;
        Year = year;
        var stored = await db.CalendarDays.Select(d => d.Date).ToListAsync(ct);
        Years = [.. Enumerable.Range(FirstListedYear, today.Year + 2 - FirstListedYear).Concat(stored.Select(d => d.Year)).Append(year).Distinct().Order()];
        var days = await db.CalendarDays.ReadYear(year).ToListAsync(ct);
        Groups = [.. days.GroupBy(d => d.Name).Select(g => new HolidayGroup(g.Key, [.. g]))];
        var dto = CalendarYearsApi.ToDto(year, days);
        YearJson = JsonSerializer.Serialize(new { dto.Holidays, dto.AdjustedWorkdays }, JsonOptions);
    }
}
