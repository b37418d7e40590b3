using LeadRunner.Accounts;

namespace LeadRunner.Workflow.Calendar;

/// <summary>The working-day calendar: the shared service, its administration and its API.</summary>
public static class CalendarFeature
{
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services)
    {
        services.AddSingleton<WorkingDayCalendar>();
        services.AddScoped<CalendarEditor>();
        return services;
    }

    public static void MapCalendar(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("工作日历");
        group.MapGet("/working-day-period", WorkingDayApi.GetPeriod).AllowAnonymous()
            .WithSummary("自某日起 N 个工作日的期限：起始日非工作日时顺延，起始日为第 1 天");
        group.MapGet("/is-working-day", WorkingDayApi.GetIsWorkingDay).AllowAnonymous()
            .WithSummary("某日是否为工作日及原因");
        group.MapGet("/years/{year:int}", CalendarYearsApi.GetYear).RequireAuthorization(Policies.SysAdmin)
            .WithSummary("某年的节假日和调休上班日");
        group.MapPut("/years/{year:int}", CalendarYearsApi.PutYear).RequireAuthorization(Policies.SysAdmin)
            .WithSummary("整体替换某年的节假日和调休上班日（记入操作日志）");
    }
}
