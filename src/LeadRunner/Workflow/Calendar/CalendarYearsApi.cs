using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Calendar;

/// <summary>
/// Administrators read and replace a year's special days. The answer has the shape of the request body, so a year
/// can be fetched, edited and put back; 2027's arrangements are put here when the State Council publishes them.
/// </summary>
public static class CalendarYearsApi
{
    public sealed record CalendarYearDto(int Year, IReadOnlyDictionary<string, string> Holidays, IReadOnlyDictionary<string, string> AdjustedWorkdays);

    public static async Task<Results<Ok<CalendarYearDto>, ValidationProblem>> GetYear(int year, LeadRunnerDb db, CancellationToken ct) =>
        CalendarDates.IsEditableYear(year)
            ? TypedResults.Ok(await LoadAsync(db, year, ct))
            : ApiProblems.Invalid("year", CalendarDates.YearRangeMessage);

    public static async Task<Results<Ok<CalendarYearDto>, ValidationProblem>> PutYear(
        int year, CalendarYearBody? body, CalendarEditor editor, LeadRunnerDb db, CancellationToken ct)
    {
        var outcome = await editor.ReplaceYearAsync(year, body, ct);
        return outcome switch
        {
            CalendarEditor.Outcome.Saved => TypedResults.Ok(await LoadAsync(db, year, ct)),
            CalendarEditor.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>The stored special days of a year, in date order.</summary>
    public static async Task<CalendarYearDto> LoadAsync(LeadRunnerDb db, int year, CancellationToken ct) =>
        ToDto(year, await db.CalendarDays.ReadYear(year).ToListAsync(ct));

    public static CalendarYearDto ToDto(int year, IReadOnlyCollection<CalendarDay> days) =>
        new(year, Of(days, CalendarDayKind.Holiday), Of(days, CalendarDayKind.AdjustedWorkday));

    private static Dictionary<string, string> Of(IEnumerable<CalendarDay> days, CalendarDayKind kind) =>
        days.Where(d => d.Kind == kind).ToDictionary(d => d.Date.Text(), d => d.Name);
}
