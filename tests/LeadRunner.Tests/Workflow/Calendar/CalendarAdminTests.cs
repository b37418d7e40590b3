using System.Net;
using System.Net.Http.Json;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Calendar;

namespace LeadRunner.Tests.Workflow.Calendar;

/// <summary>The /admin/calendar page: browse a year, add and remove days, import a year, try a period.</summary>
public class CalendarAdminTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private static async Task<HttpResponseMessage> Post(HttpClient admin, string handler, Dictionary<string, string> fields)
    {
        var page = await admin.GetStringAsync("/admin/calendar");
        fields["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page);
        return await admin.PostAsync($"/admin/calendar?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private async Task<WorkingDayApi.WorkingDayDto> Ask(string date) =>
        (await factory.AnonymousClient().GetFromJsonAsync<WorkingDayApi.WorkingDayDto>($"/api/calendar/is-working-day?date={date}"))!;

    [Fact]
    public async Task Page_ShowsTheYearGroupedByHolidayWithWeekdays()
    {
        var admin = await factory.ClientFor("admin");
        var html = await admin.GetStringAsync("/admin/calendar?year=2024");
        Assert.Contains("2024 年节假日与调休上班日", html, StringComparison.Ordinal);
        Assert.Contains("国庆节 <small class=\"text-muted fw-normal\">放假 7 天，调休上班 2 天</small>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text-nowrap\">2024-09-29</td>\n                                        <td>星期日</td>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/calendar?year=2027\"", html, StringComparison.Ordinal);
        Assert.Contains("&quot;2024-10-01&quot;: &quot;国庆节&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_YearWithoutData_SaysSoAndCanBeFilled()
    {
        var admin = await factory.ClientFor("admin");
        var html = await admin.GetStringAsync("/admin/calendar?year=2031");
        Assert.Contains("2031 年尚无放假安排", html, StringComparison.Ordinal);
        Assert.Contains("替换 2031 年数据", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddThenRemove_ChangesWhatTheApiAnswers()
    {
        var admin = await factory.ClientFor("admin");
        var added = await Post(admin, "Add", new() { ["Date"] = "2028-01-03", ["Kind"] = "Holiday", ["Name"] = "元旦" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("已添加 2028-01-03（星期一）节假日 元旦", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("元旦假期", (await Ask("2028-01-03")).Reason);

        var removed = await Post(admin, "Remove", new() { ["Year"] = "2028", ["Date"] = "2028-01-03" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("工作日", (await Ask("2028-01-03")).Reason);
    }

    [Theory]
    [InlineData("2028-02-30", "Holiday", "春节", "YYYY-MM-DD")]
    [InlineData("2028-01-04", "Vacation", "春节", "请选择类型")]
    [InlineData("2028-01-04", "Holiday", "", "名称应为 1～40 个字符")]
    public async Task Add_Invalid_Returns400InChineseAndWritesNothing(string date, string kind, string name, string message)
    {
        var admin = await factory.ClientFor("admin");
        var response = await Post(admin, "Add", new() { ["Date"] = date, ["Kind"] = kind, ["Name"] = name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("工作日", (await Ask("2028-01-04")).Reason);
    }

    [Fact]
    public async Task Import_ValidYear_ReplacesIt()
    {
        var admin = await factory.ClientFor("admin");
        var json = "{\"holidays\": {\"2029-10-01\": \"国庆节\"}, \"adjustedWorkdays\": {\"2029-09-29\": \"国庆节\"}}";
        var response = await Post(admin, "Import", new() { ["Year"] = "2029", ["Json"] = json });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已更新 2029 年工作日历：节假日 1 天，调休上班 1 天", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((true, "国庆节调休上班"), ((await Ask("2029-09-29")).WorkingDay, (await Ask("2029-09-29")).Reason));
    }

    [Theory]
    [InlineData("{\"holidays\": {\"2024-10-01\": \"国庆节\"", "JSON 格式有误")]
    [InlineData("{\"holidays\": {\"2024-10-01\": \"国庆节\"}, \"adjustedWorkdays\": {\"2025-01-26\": \"春节\"}}", "2025-01-26 不在 2024 年内")]
    [InlineData("", "请提交该年的节假日和调休上班日")]
    public async Task Import_Invalid_Returns400AndKeepsTheYear(string json, string message)
    {
        var admin = await factory.ClientFor("admin");
        var response = await Post(admin, "Import", new() { ["Year"] = "2024", ["Json"] = json });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("国庆节调休上班", (await Ask("2024-10-12")).Reason);
    }

    [Fact]
    public async Task CheckPeriod_ShowsTheMovedStartAndTheEnd()
    {
        var admin = await factory.ClientFor("admin");
        var html = await admin.GetStringAsync("/admin/calendar?year=2024&start=2024-10-01&days=5");
        Assert.Contains("2024-10-01（星期二）为国庆节假期，顺延至 2024-10-08（星期二）", html, StringComparison.Ordinal);
        Assert.Contains("截止于 <strong>2024-10-12（星期六）</strong>", html, StringComparison.Ordinal);

        var bad = await admin.GetAsync("/admin/calendar?start=2024-10-01&days=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("1～3650", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForNonAdmin_IsForbidden_AndStaffHomeLinksItForAdmin()
    {
        var province = await factory.ClientFor("province");
        Assert.Equal(HttpStatusCode.Forbidden, (await province.GetAsync("/admin/calendar")).StatusCode);
        Assert.DoesNotContain("/admin/calendar", await province.GetStringAsync("/staff"), StringComparison.Ordinal);

        var admin = await factory.ClientFor("admin");
        Assert.Contains("<a class=\"btn btn-outline-secondary\" href=\"/admin/calendar\">工作日历</a>", await admin.GetStringAsync("/staff"), StringComparison.Ordinal);
    }
}
