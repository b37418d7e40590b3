using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Regions;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Regions;

public class RegionsApiTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task Units_ReturnsTheFourteenReportingUnits()
    {
        var units = await factory.AnonymousClient().GetFromJsonAsync<RegionsApi.UnitDto[]>("/api/regions/units");
        Assert.NotNull(units);
        Assert.Equal(14, units.Length);
        Assert.Contains(units, u => u.Code == "133100" && u.Name == "雄安新区");
        Assert.Contains(units, u => u.Code == "130682" && u.Name == "定州市");
    }

    [Fact]
    public async Task Database_Has190CountiesEachInOneUnit()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.Equal(190, await db.Counties.CountAsync());
        Assert.Equal(14, await db.Counties.Select(c => c.UnitCode).Distinct().CountAsync());
        Assert.Equal(3, await db.Counties.CountAsync(c => c.UnitCode == "133100"));
    }

    [Fact]
    public async Task County_Known_ReturnsItsUnit()
    {
        var county = await factory.AnonymousClient().GetFromJsonAsync<RegionsApi.CountyDto>("/api/regions/counties/130629");
        Assert.Equal(new RegionsApi.CountyDto("130629", "容城县", "133100", "雄安新区"), county);
    }

    [Fact]
    public async Task County_Unknown_Returns404WithChineseMessage()
    {
        var response = await factory.AnonymousClient().GetAsync("/api/regions/counties/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("999999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeUnit_ByAdmin_MovesCountyAndLogsIt()
    {
        var admin = await factory.ClientFor("admin");
        var response = await admin.PutAsJsonAsync("/api/regions/counties/130681/unit", new { unitCode = "133100", reason = "行政区划调整试点" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var county = await factory.AnonymousClient().GetFromJsonAsync<RegionsApi.CountyDto>("/api/regions/counties/130681");
        Assert.Equal("133100", county!.UnitCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var entry = await db.AuditEntries.SingleAsync(a => a.Subject.Contains("130681"));
        Assert.Equal("admin", entry.UserName);
        Assert.Equal("行政区划调整试点", entry.Reason);
        Assert.Contains("130600", entry.Before, StringComparison.Ordinal);
        Assert.Contains("133100", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeUnit_WithoutReasonOrUnknownUnit_Returns400AndChangesNothing()
    {
        var admin = await factory.ClientFor("admin");
        var noReason = await admin.PutAsJsonAsync("/api/regions/counties/130102/unit", new { unitCode = "130200", reason = "" });
        var badUnit = await admin.PutAsJsonAsync("/api/regions/counties/130102/unit", new { unitCode = "999900", reason = "测试" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badUnit.StatusCode);
        Assert.Contains("调整原因", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var county = await factory.AnonymousClient().GetFromJsonAsync<RegionsApi.CountyDto>("/api/regions/counties/130102");
        Assert.Equal("130100", county!.UnitCode);
    }

    [Theory]
    [InlineData("province")]
    [InlineData("city.130100")]
    [InlineData("county.130102")]
    public async Task ChangeUnit_ByNonAdmin_IsForbidden(string user)
    {
        var client = await factory.ClientFor(user);
        var response = await client.PutAsJsonAsync("/api/regions/counties/130102/unit", new { unitCode = "130200", reason = "越权" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
