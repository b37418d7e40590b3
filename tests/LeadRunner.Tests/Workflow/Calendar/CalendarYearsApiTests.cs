using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Calendar;

/// <summary>Administrators replace a year of special days; the public answers change at once.</summary>
public class CalendarYearsApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private static readonly object Year2027 = new
    {
        holidays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-10-01"] = "国庆节", ["2027-10-04"] = "国庆节" },
        adjustedWorkdays = new Dictionary<string, string> { ["2027-09-26"] = "国庆节", ["2027-10-09"] = "国庆节" },
    };

    [Fact]
    public async Task GetYear_ByAdmin_ListsTheSeededDays()
    {
        var admin = await factory.ClientFor("admin");
        var year = await admin.GetFromJsonAsync<CalendarYearsApi.CalendarYearDto>("/api/calendar/years/2024");
        Assert.Equal(28, year!.Holidays.Count);
        Assert.Equal(8, year.AdjustedWorkdays.Count);
        Assert.Equal("国庆节", year.Holidays["2024-10-01"]);
        Assert.Equal("国庆节", year.AdjustedWorkdays["2024-09-29"]);
    }

    [Fact]
    public async Task PutYear_NewYear_IsAppliedAndAnsweredImmediately()
    {
        var anonymous = factory.AnonymousClient();
        var before = await anonymous.GetFromJsonAsync<WorkingDayApi.WorkingDayDto>("/api/calendar/is-working-day?date=2027-10-04");
        Assert.Equal("工作日", before!.Reason);

        var admin = await factory.ClientFor("admin");
        var response = await admin.PutAsJsonAsync("/api/calendar/years/2027", Year2027);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<CalendarYearsApi.CalendarYearDto>();
        Assert.Equal("2027-01-01,2027-10-01,2027-10-04", string.Join(',', saved!.Holidays.Keys));

        var after = await anonymous.GetFromJsonAsync<WorkingDayApi.WorkingDayDto>("/api/calendar/is-working-day?date=2027-10-04");
        Assert.Equal(new WorkingDayApi.WorkingDayDto(new DateOnly(2027, 10, 4), false, "国庆节假期"), after);
        // Thu 9-30 day 1; 10-01 off, 10-02/03 weekend, 10-04 off; Tue 10-05 day 2, Wed 10-06 day 3.
        var period = await anonymous.GetFromJsonAsync<WorkingDayApi.PeriodDto>("/api/calendar/working-day-period?start=2027-09-30&days=3");
        Assert.Equal(new WorkingDayApi.PeriodDto(new DateOnly(2027, 9, 30), new DateOnly(2027, 10, 6)), period);
        // Fri 9-24 day 1; Sun 9-26 (调休) day 2; Mon 9-27 day 3.
        period = await anonymous.GetFromJsonAsync<WorkingDayApi.PeriodDto>("/api/calendar/working-day-period?start=2027-09-24&days=3");
        Assert.Equal(new DateOnly(2027, 9, 27), period!.End);

        await using var scope = factory.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.SingleAsync(a => a.Subject == "2027年工作日历");
        Assert.Equal("admin", entry.UserName);
        Assert.Equal("替换年度工作日历", entry.Action);
        Assert.Contains("2027-10-09（星期六）调休上班 国庆节", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutYear_ExistingYear_ReplacesItsDays()
    {
        var admin = await factory.ClientFor("admin");
        var year = await admin.GetFromJsonAsync<CalendarYearsApi.CalendarYearDto>("/api/calendar/years/2025");
        var adjusted = year!.AdjustedWorkdays.Where(d => d.Key != "2025-10-11").ToDictionary();
        var holidays = year.Holidays.ToDictionary();
        holidays["2025-10-06"] = "国庆节";

        var response = await admin.PutAsJsonAsync("/api/calendar/years/2025", new { holidays, adjustedWorkdays = adjusted });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var anonymous = factory.AnonymousClient();
        var saturday = await anonymous.GetFromJsonAsync<WorkingDayApi.WorkingDayDto>("/api/calendar/is-working-day?date=2025-10-11");
        var renamed = await anonymous.GetFromJsonAsync<WorkingDayApi.WorkingDayDto>("/api/calendar/is-working-day?date=2025-10-06");
        Assert.Equal((false, "周末"), (saturday!.WorkingDay, saturday.Reason));
        Assert.Equal("国庆节假期", renamed!.Reason);
        var stored = await admin.GetFromJsonAsync<CalendarYearsApi.CalendarYearDto>("/api/calendar/years/2025");
        Assert.Equal(4, stored!.AdjustedWorkdays.Count);
        Assert.Equal(28, stored.Holidays.Count);
    }

    [Theory]
    [InlineData("{\"holidays\":{\"2023-12-31\":\"元旦\"},\"adjustedWorkdays\":{}}", "holidays[2023-12-31]", "2023-12-31 不在 2024 年内")]
    [InlineData("{\"holidays\":{\"2024-02-30\":\"春节\"},\"adjustedWorkdays\":{}}", "holidays[2024-02-30]", "“2024-02-30”不是有效日期")]
    [InlineData("{\"holidays\":{\"2024-10-01\":\"国庆节\"},\"adjustedWorkdays\":{\"2024-10-01\":\"国庆节\"}}", "adjustedWorkdays[2024-10-01]", "2024-10-01 不能既是节假日又是调休上班日")]
    [InlineData("{\"holidays\":{\"2024-10-01\":\" \"},\"adjustedWorkdays\":{}}", "holidays[2024-10-01]", "2024-10-01 的名称应为 1～40 个字符")]
    [InlineData("{\"holidays\":{\"2024-10-01\":\"国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节国庆节\"},\"adjustedWorkdays\":{}}", "holidays[2024-10-01]", "名称应为 1～40 个字符")]
    [InlineData("{\"holidays\":{}}", "adjustedWorkdays", "缺少“adjustedWorkdays”")]
    [InlineData("{\"holidays\":{},\"adjusted_workdays\":{}}", "adjustedWorkdays", "缺少“adjustedWorkdays”")]
    public async Task PutYear_Invalid_Returns400NamingTheDateAndWritesNothing(string body, string field, string message)
    {
        var admin = await factory.ClientFor("admin");
        var before = await admin.GetStringAsync("/api/calendar/years/2024");
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await admin.PutAsync("/api/calendar/years/2024", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(problem!.Errors[field], m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await admin.GetStringAsync("/api/calendar/years/2024"));
        var answer = await factory.AnonymousClient().GetFromJsonAsync<WorkingDayApi.WorkingDayDto>("/api/calendar/is-working-day?date=2024-10-01");
        Assert.Equal("国庆节假期", answer!.Reason);
    }

    [Fact]
    public async Task PutYear_OutOfRangeYear_Returns400()
    {
        var admin = await factory.ClientFor("admin");
        var response = await admin.PutAsJsonAsync("/api/calendar/years/1999", Year2027);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("年份应在 2000～2099 之间", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("province")]
    [InlineData("city.130100")]
    [InlineData("county.130534")]
    public async Task PutAndGetYear_ByNonAdmin_AreForbidden(string user)
    {
        var client = await factory.ClientFor(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/calendar/years/2024", Year2027)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/calendar/years/2024")).StatusCode);
    }

    [Fact]
    public async Task PutYear_Anonymous_IsUnauthorized()
    {
        var response = await factory.AnonymousClient().PutAsJsonAsync("/api/calendar/years/2024", Year2027);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
