using System.Net;
using System.Net.Http.Json;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Calendar;

namespace LeadRunner.Tests.Workflow.Calendar;

/// <summary>The anonymous calendar API on the seeded database: a stable contract for scripts and other features.</summary>
public class WorkingDayApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Theory]
    [InlineData("2024-09-27", 5, "2024-09-27", "2024-10-09")]
    [InlineData("2024-10-01", 5, "2024-10-08", "2024-10-12")]
    [InlineData("2026-02-13", 5, "2026-02-13", "2026-02-26")]
    [InlineData("2026-02-15", 5, "2026-02-24", "2026-02-28")]
    [InlineData("2024-12-30", 5, "2024-12-30", "2025-01-06")]
    [InlineData("2025-12-31", 5, "2025-12-31", "2026-01-07")]
    [InlineData("2024-12-28", 1, "2024-12-30", "2024-12-30")]
    [InlineData("2024-09-29", 1, "2024-09-29", "2024-09-29")]
    [InlineData("2024-10-09", 1, "2024-10-09", "2024-10-09")]
    public async Task Period_ReturnsFirstCountedDayAndEnd(string start, int days, string first, string end)
    {
        var response = await factory.AnonymousClient().GetAsync($"/api/calendar/working-day-period?start={start}&days={days}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{{\"start\":\"{first}\",\"end\":\"{end}\"}}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2024-10-01", false, "国庆节假期")]
    [InlineData("2024-09-29", true, "国庆节调休上班")]
    [InlineData("2026-02-18", false, "春节假期")]
    [InlineData("2026-02-28", true, "春节调休上班")]
    [InlineData("2024-09-28", false, "周末")]
    [InlineData("2024-10-08", true, "工作日")]
    public async Task IsWorkingDay_AnswersWithReason(string date, bool workingDay, string reason)
    {
        var answer = await factory.AnonymousClient().GetFromJsonAsync<WorkingDayApi.WorkingDayDto>($"/api/calendar/is-working-day?date={date}");
        Assert.Equal(new WorkingDayApi.WorkingDayDto(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), workingDay, reason), answer);
    }

    [Fact]
    public async Task IsWorkingDay_UsesTheDocumentedFieldNames()
    {
        var json = await factory.AnonymousClient().GetStringAsync("/api/calendar/is-working-day?date=2024-10-01");
        Assert.Equal("{\"date\":\"2024-10-01\",\"workingDay\":false,\"reason\":\"国庆节假期\"}", json);
    }

    [Theory]
    [InlineData("?days=5", "start", "请提供起始日期")]
    [InlineData("?start=&days=5", "start", "请提供起始日期")]
    [InlineData("?start=2024-13-01&days=5", "start", "YYYY-MM-DD")]
    [InlineData("?start=2024-02-30&days=5", "start", "YYYY-MM-DD")]
    [InlineData("?start=2024/10/01&days=5", "start", "YYYY-MM-DD")]
    [InlineData("?start=2024-10-1&days=5", "start", "YYYY-MM-DD")]
    [InlineData("?start=2024-10-01", "days", "1～3650")]
    [InlineData("?start=2024-10-01&days=0", "days", "1～3650")]
    [InlineData("?start=2024-10-01&days=-1", "days", "1～3650")]
    [InlineData("?start=2024-10-01&days=3651", "days", "1～3650")]
    [InlineData("?start=2024-10-01&days=五", "days", "1～3650")]
    [InlineData("?start=9999-12-30&days=3650", "start", "超出")]
    public async Task Period_BadInput_Returns400NamingTheField(string query, string field, string message)
    {
        var response = await factory.AnonymousClient().GetAsync("/api/calendar/working-day-period" + query);
        await AssertChineseProblem(response, field, message);
    }

    [Theory]
    [InlineData("", "请提供日期")]
    [InlineData("?date=tomorrow", "YYYY-MM-DD")]
    [InlineData("?date=2025-02-29", "YYYY-MM-DD")]
    public async Task IsWorkingDay_BadDate_Returns400(string query, string message)
    {
        var response = await factory.AnonymousClient().GetAsync("/api/calendar/is-working-day" + query);
        await AssertChineseProblem(response, "date", message);
    }

    private static async Task AssertChineseProblem(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal("提交的数据有误", problem!.Title);
        Assert.Contains(message, Assert.Single(problem.Errors[field]), StringComparison.Ordinal);
    }
}
