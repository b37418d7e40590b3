using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Tests.Holders.Revocation;

/// <summary>/verify and /api/verify: a certificate stays authentic after its title ends, and says, in red, that it has.</summary>
public class RevokedCertificateTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly HolderSteps _steps = new(factory);

    [Fact]
    public async Task Verify_ARevokedHoldersCertificate_IsAuthentic_ButStatesTheRevocationWithDateAndGround()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var code = (await _steps.HolderAsync(WorkflowDriver.QingheUscc))!.CertificateCode!;
        var visitor = factory.AnonymousClient();
        var valid = (await visitor.GetFromJsonAsync<JsonObject>($"/api/verify/{code}"))!;
        Assert.Equal(("valid", "有效"), (valid["status"]!.GetValue<string>(), valid["statusName"]!.GetValue<string>()));
        Assert.Null(valid["endedOn"]);
        Assert.DoesNotContain("id=\"title-ended\"", await visitor.GetStringAsync($"/verify/{code}"), StringComparison.Ordinal);

        await _steps.RevokeAsync(WorkflowDriver.QingheUscc, RevocationGrounds.Falsification, "申报的研发投入与税务数据不符。");

        var today = factory.FakeClock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var revoked = (await visitor.GetFromJsonAsync<JsonObject>($"/api/verify/{code}"))!;
        Assert.Equal(code, revoked["code"]!.GetValue<string>());
        Assert.Equal("certificate", revoked["templateKey"]!.GetValue<string>());
        Assert.Equal(("revoked", "已撤销"), (revoked["status"]!.GetValue<string>(), revoked["statusName"]!.GetValue<string>()));
        Assert.Equal(today, revoked["endedOn"]!.GetValue<string>());
        Assert.Contains("申报材料或监测数据弄虚作假", revoked["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);

        var page = await visitor.GetAsync($"/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("核验结果：本平台出具的文件", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"alert alert-danger\" role=\"alert\" id=\"title-ended\">", html, StringComparison.Ordinal);
        var alert = html[html.IndexOf("<div class=\"alert alert-danger\" role=\"alert\" id=\"title-ended\">", StringComparison.Ordinal)..];
        Assert.Contains("该证书所载“领跑者”称号已被撤销", alert, StringComparison.Ordinal);
        Assert.Contains(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), alert, StringComparison.Ordinal);
        Assert.Contains("申报材料或监测数据弄虚作假", alert, StringComparison.Ordinal);
        Assert.Contains("证书文件本身确为本平台出具", alert, StringComparison.Ordinal);
        Assert.Contains("class=\"text-danger fw-bold\">已撤销", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnExpiredTitle_SaysItEnded()
    {
        await _steps.EnsureHoldersAsync(WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc);
        var holder = (await _steps.HolderAsync(WorkflowDriver.XiongUscc))!;
        // A re-review that did not renew (its workflow is another part of #16): the holder as recordTitleDecision leaves it.
        await _steps.ReadAsync(async db =>
        {
            var tracked = await db.TitleHolders.IgnoreQueryFilters().SingleAsync(h => h.Id == holder.Id);
            tracked.Status = HolderStatus.Expired;
            tracked.EndedOn = new DateOnly(2027, 9, 30);
            db.HolderEvents.Add(new HolderEvent
            {
                HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, At = factory.FakeClock.GetUtcNow(), Kind = HolderEventKind.Expired, Public = true,
                Text = "2024年度“领跑者”称号经三年复核未通过，自2027年9月30日起终止。", By = "province",
            });
            return await db.SaveChangesAsync();
        });

        var visitor = factory.AnonymousClient();
        var expired = (await visitor.GetFromJsonAsync<JsonObject>($"/api/verify/{holder.CertificateCode}"))!;
        Assert.Equal("expired", expired["status"]!.GetValue<string>());
        Assert.Equal("2027-09-30", expired["endedOn"]!.GetValue<string>());
        var html = await visitor.GetStringAsync($"/verify/{holder.CertificateCode}");
        Assert.Contains("该证书所载“领跑者”称号已终止", html, StringComparison.Ordinal);
        Assert.Contains("经三年复核未通过", html, StringComparison.Ordinal);
    }
}
