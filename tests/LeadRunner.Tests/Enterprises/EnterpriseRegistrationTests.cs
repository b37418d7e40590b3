using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Enterprises;

public class EnterpriseRegistrationTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private async Task<int> ClusterId(string name)
    {
        var clusters = await factory.AnonymousClient().GetFromJsonAsync<EnterprisesApi.ClusterDto[]>("/api/clusters");
        return clusters!.Single(c => c.Name == name).Id;
    }

    private async Task<int> EnterpriseCount()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Enterprises.CountAsync();
    }

    private static string NewUscc(string division, string body) => UsccValidator.Complete("91" + division + body);

    [Fact]
    public async Task Register_ByCountyInOwnCounty_Creates()
    {
        var client = await factory.ClientFor("county.130534");
        var uscc = NewUscc("130534", "MA0K1L2M");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "清河县新登记羊绒有限公司", uscc, countyCode = "130534",
            clusterId = await ClusterId("清河县羊绒及制品产业集群"), industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dto = await response.Content.ReadFromJsonAsync<EnterprisesApi.EnterpriseDto>();
        Assert.Equal("130500", dto!.UnitCode);
        Assert.Equal("邢台市", dto.UnitName);
    }

    [Fact]
    public async Task Register_InvalidUscc_Returns400WithChineseReasonAndWritesNothing()
    {
        var before = await EnterpriseCount();
        var client = await factory.ClientFor("province");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "测试企业", uscc = "91130534MA0CQH1107", countyCode = "130534",
            clusterId = await ClusterId("清河县羊绒及制品产业集群"), industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("第 18 位校验码", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await EnterpriseCount());
    }

    [Fact]
    public async Task Register_UsccOutsideHebei_Returns400()
    {
        var client = await factory.ClientFor("province");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "福建测试企业", uscc = "91350100M000100Y43", countyCode = "130534",
            clusterId = await ClusterId("清河县羊绒及制品产业集群"), industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("河北省", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_UnknownCounty_Returns404AndWritesNothing()
    {
        var before = await EnterpriseCount();
        var client = await factory.ClientFor("province");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "测试企业", uscc = NewUscc("130534", "MA0K1L3M"), countyCode = "139999",
            clusterId = await ClusterId("清河县羊绒及制品产业集群"), industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("139999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await EnterpriseCount());
    }

    [Fact]
    public async Task Register_Duplicate_Returns409EvenWhenExistingIsOutOfScope()
    {
        var before = await EnterpriseCount();
        var client = await factory.ClientFor("county.130102");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "重复企业", uscc = "91130582MA0HP3W19U", countyCode = "130102",
            clusterId = await ClusterId("藁城区宫灯及装饰品产业集群"), industryCategory = "轻工",
        });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("已在您管辖范围以外登记", text, StringComparison.Ordinal);
        // The county learns that the code is taken, not by whom.
        Assert.DoesNotContain("沙河市华晶玻璃有限公司", text, StringComparison.Ordinal);
        Assert.Equal(before, await EnterpriseCount());
    }

    [Fact]
    public async Task Register_DuplicateInOwnRegion_NamesTheEnterprise()
    {
        var client = await factory.ClientFor("county.130582");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "重复企业", uscc = "91130582MA0HP3W19U", countyCode = "130582",
            clusterId = await ClusterId("沙河市玻璃产业集群"), industryCategory = "建材",
        });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("沙河市华晶玻璃有限公司", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("清河\u0000羊绒有限公司", "控制字符")]
    [InlineData("清河羊绒\u202E司公限有", "文字方向控制字符")]
    [InlineData("清河\u200B羊绒有限公司", "零宽字符")]
    public async Task Register_NameWithHiddenCharacters_IsRefusedNamingTheField(string escaped, string what)
    {
        var before = await EnterpriseCount();
        var client = await factory.ClientFor("county.130534");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = System.Text.RegularExpressions.Regex.Unescape(escaped), uscc = NewUscc("130534", "MA0K9Z8Y"), countyCode = "130534",
            clusterId = await ClusterId("清河县羊绒及制品产业集群"), industryCategory = "纺织",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Contains(what, problem!["errors"]!["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await EnterpriseCount());
    }

    [Fact]
    public async Task Register_ByCountyInAnotherCounty_Returns403()
    {
        var client = await factory.ClientFor("county.130534");
        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = "越权登记企业", uscc = NewUscc("130582", "MA0K1L4M"), countyCode = "130582",
            clusterId = await ClusterId("沙河市玻璃产业集群"), industryCategory = "建材",
        });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_MissingFields_Returns400PerField()
    {
        var client = await factory.ClientFor("province");
        var response = await client.PostAsJsonAsync("/api/enterprises", new { name = "", uscc = "", countyCode = "130534" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("企业名称", body, StringComparison.Ordinal);
        Assert.Contains("统一社会信用代码", body, StringComparison.Ordinal);
        Assert.Contains("特色产业集群", body, StringComparison.Ordinal);
        Assert.Contains("行业类别", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckUscc_Anonymous_ReturnsVerdictAndReasons()
    {
        var client = factory.AnonymousClient();
        var ok = await client.GetFromJsonAsync<UsccValidator.Result>("/api/enterprises/uscc/91130534MA0CQH1106/check");
        var bad = await client.GetFromJsonAsync<UsccValidator.Result>("/api/enterprises/uscc/91130534ma0cqh1106/check");
        Assert.True(ok!.Valid);
        Assert.False(bad!.Valid);
        Assert.Contains("大写", bad.Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPage_InvalidPost_ShowsErrorsAndWritesNothing()
    {
        var before = await EnterpriseCount();
        var client = await factory.ClientFor("province");
        var form = await client.GetStringAsync("/staff/enterprises/new");
        var token = AntiforgeryToken(form);
        var response = await client.PostAsync("/staff/enterprises/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Name"] = "页面测试企业", ["Uscc"] = "ABC", ["CountyCode"] = "130534",
            ["ClusterId"] = "", ["IndustryCategory"] = "纺织",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("应为 18 位", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await EnterpriseCount());
    }

    internal static string AntiforgeryToken(string html)
    {
        const string marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
