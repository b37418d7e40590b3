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
            .WithName("GetWorkingDayPeriod").WithSummary("计算 N 个工作日的期限")
            .WithDescription("自 start 起 days 个工作日的期限：起始日非工作日时顺延到下一个工作日，起始日为第 1 天。无须登录；日期或天数无效返回 400 及逐项说明。");
        group.MapGet("/is-working-day", WorkingDayApi.GetIsWorkingDay).AllowAnonymous()
            .WithName("CheckWorkingDay").WithSummary("某日是否为工作日")
            .WithDescription("回答 date 是否为工作日及原因（周末、法定节假日、调休上班）。无须登录；日期无效返回 400。");
        group.MapGet("/years/{year:int}", CalendarYearsApi.GetYear).RequireAuthorization(Policies.SysAdmin)
            .WithName("GetCalendarYear").WithSummary("某年的节假日和调休")
            .WithDescription("返回某年的法定节假日和调休上班日，形状与整体替换时的请求体相同。仅系统管理员可用；年份超出可编辑范围返回 400。");
        group.MapPut("/years/{year:int}", CalendarYearsApi.PutYear).RequireAuthorization(Policies.SysAdmin)
            .WithName("ReplaceCalendarYear").WithSummary("替换某年的节假日和调休")
            .WithDescription("整体替换某年的法定节假日和调休上班日，并记入操作日志。仅系统管理员可用；年份超出范围或日期有误返回 400 及逐项说明。");
    }
}
