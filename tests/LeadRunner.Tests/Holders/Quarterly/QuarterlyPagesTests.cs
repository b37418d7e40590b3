using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LeadRunner.Tests.TestHost;
using static LeadRunner.Tests.Holders.Quarterly.QuarterlyScenario;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>
/// The pages: a quarter's form opens with the previous filing and compares against it; a holder's filings side by side
/// with their changes (for itself and its offices only); the late list, scoped by county, city and province.
/// </summary>
public class QuarterlyPagesTests
{
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(WorkflowFactory factory, string user, string url)
    {
        var response = await (await factory.ClientFor(user)).GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} {url}: {(int)response.StatusCode}");
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> StatusAsync(WorkflowFactory factory, string user, string url) =>
        (await (await factory.ClientFor(user)).GetAsync(url)).StatusCode;

    [Fact]
    public async Task QuarterForm_OpensWithThePreviousFiling_AndTheFilingsShowWhatChanged()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync();
        const string ent = $"ent.{WorkflowDriver.QingheUscc}";

        // The first quarter has nothing before it: an empty form and no comparison.
        await scenario.MoveToAsync(At(2024, 10, 1, 9));
        var q3 = (await scenario.ObligationAsync(holder.Id, "2024Q3")).InstanceId!.Value;
        var first = await PageAsync(factory, ent, $"/cases/{q3}/act/submit");
        Assert.Null(first.QuerySelector("#previous-filing"));
        Assert.Equal("{}", first.QuerySelector("#form-initial")!.TextContent.Trim());
        Assert.True((await scenario.FileAsync(WorkflowDriver.QingheUscc, q3, Filing(revenue: 91_000_000m, employees: 320))).IsSuccessStatusCode);

        // The next quarter opens with the third quarter's figures, and shows them beside the form.
        await scenario.MoveToAsync(At(2025, 1, 2, 9));
        var q4 = (await scenario.ObligationAsync(holder.Id, "2024Q4")).InstanceId!.Value;
        var second = await PageAsync(factory, ent, $"/cases/{q4}/act/submit");
        var initial = JsonNode.Parse(second.QuerySelector("#form-initial")!.TextContent)!;
        Assert.Equal((91_000_000m, 320, "王芳"), (initial["revenue"]!.GetValue<decimal>(), initial["employees"]!.GetValue<int>(), initial["contactName"]!.GetValue<string>()));
        var panel = second.QuerySelector("#previous-filing")!;
        Assert.Contains("与上期相比", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("2024年第三季度", panel.TextContent, StringComparison.Ordinal);
        var revenue = panel.QuerySelector("tr[data-compare-key='revenue']")!;
        Assert.Equal("91000000", revenue.GetAttribute("data-previous"));
        Assert.Contains("91,000,000 元", revenue.TextContent, StringComparison.Ordinal);
        Assert.NotNull(second.QuerySelector("script[src^='/js/quarterly-compare.js']"));

        Assert.True((await scenario.FileAsync(WorkflowDriver.QingheUscc, q4, Filing(revenue: 120_000_000m, employees: 335))).IsSuccessStatusCode);

        // Every filing side by side; the changed figures are marked and named, for the enterprise and its county alike.
        foreach (var user in new[] { ent, "county.130534", "city.130500", "province" })
        {
            var page = await PageAsync(factory, user, $"/holders/{WorkflowDriver.QingheUscc}/quarterly");
            Assert.Equal(["2024年第三季度", "2024年第四季度"], page.QuerySelectorAll("#filings thead th a").Select(a => a.TextContent));
            var changed = page.QuerySelectorAll("#filings td.changed").Select(td => td.TextContent.Trim()).ToList();
            Assert.Equal(["120,000,000 元", "335 人"], changed);
            var change = page.QuerySelector("#changes li")!.TextContent;
            Assert.Contains("营业收入由“91,000,000 元”改为“120,000,000 元”", change, StringComparison.Ordinal);
            Assert.Contains("从业人数由“320 人”改为“335 人”", change, StringComparison.Ordinal);
            Assert.Equal(["2024Q4", "2024Q3"], page.QuerySelectorAll("#quarters tbody tr[data-period]").Select(r => r.GetAttribute("data-period")));
            Assert.All(page.QuerySelectorAll("#quarters .badge"), b => Assert.Equal("已履行", b.TextContent));
        }
        foreach (var user in new[] { $"ent.{WorkflowDriver.XiongUscc}", "county.130638", "city.133100" })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(factory, user, $"/holders/{WorkflowDriver.QingheUscc}/quarterly"));
        }
        // The enterprise's home and the holder's page lead to it.
        var home = await PageAsync(factory, ent, "/portal");
        Assert.NotNull(home.QuerySelector($"a[href='/holders/{WorkflowDriver.QingheUscc}/quarterly']"));
        var detail = await PageAsync(factory, "county.130534", $"/holders/{WorkflowDriver.QingheUscc}");
        Assert.Equal($"/holders/{WorkflowDriver.QingheUscc}/quarterly", detail.QuerySelector("#quarterly-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task LateList_ShowsWhoIsLate_ToTheProvinceAll_ToACountyOrCityItsOwn()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        await scenario.HolderAsync();
        await scenario.HolderAsync(WorkflowDriver.XiongUscc);
        await scenario.MoveToAsync(At(2024, 10, 1, 9));
        await scenario.MoveToAsync(At(2024, 10, 20, 9)); // both 2024Q3 updates were due 10-15

        var province = await PageAsync(factory, "province", "/quarterly/overdue");
        var rows = province.QuerySelectorAll("#overdue tbody tr[data-uscc]");
        Assert.Equal([WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc], rows.Select(r => r.GetAttribute("data-uscc")!).Order(StringComparer.Ordinal));
        var qinghe = rows.Single(r => r.GetAttribute("data-uscc") == WorkflowDriver.QingheUscc).QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["清河县", "邢台市", "2024年第三季度", "2024-10-15", "5 天"], qinghe.Skip(1).Take(5));

        async Task<string[]> Late(string user) =>
            [.. (await PageAsync(factory, user, "/quarterly/overdue")).QuerySelectorAll("#overdue tbody tr[data-uscc]").Select(r => r.GetAttribute("data-uscc")!)];
        Assert.Equal([WorkflowDriver.QingheUscc], await Late("county.130534"));
        Assert.Equal([WorkflowDriver.QingheUscc], await Late("city.130500"));
        Assert.Equal([WorkflowDriver.XiongUscc], await Late("county.130638"));
        Assert.Equal([WorkflowDriver.XiongUscc], await Late("city.133100"));
        Assert.Empty(await Late("county.130181"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(factory, $"ent.{WorkflowDriver.QingheUscc}", "/quarterly/overdue"));

        // The overview and the staff home lead there.
        var overview = await PageAsync(factory, "city.130500", "/quarterly");
        var row = Assert.Single(overview.QuerySelectorAll("#holders tbody tr[data-uscc]"));
        Assert.Equal(WorkflowDriver.QingheUscc, row.GetAttribute("data-uscc"));
        var cells = row.QuerySelectorAll("td");
        Assert.Equal(("0", "1"), (cells[^2].TextContent.Trim(), cells[^1].TextContent.Trim())); // nothing open in time, one overdue
        var home = await PageAsync(factory, "province", "/staff");
        Assert.NotNull(home.QuerySelector("a[href='/quarterly/overdue']"));
        Assert.NotNull(home.QuerySelector("a[href='/quarterly']"));
    }
}
