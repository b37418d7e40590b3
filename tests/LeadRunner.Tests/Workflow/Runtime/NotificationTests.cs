using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Workflow.Runtime;

public class NotificationTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    [Fact]
    public async Task ReturnForCorrection_IsShownToTheEnterpriseOnly()
    {
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        await drive.CompleteOkAsync("county.130534", id, "return", "请补充合作企业合同");

        var enterprise = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var portal = await enterprise.GetStringAsync("/portal");
        Assert.Contains("申报材料被退回修改", portal, StringComparison.Ordinal);
        Assert.Contains("请补充合作企业合同", portal, StringComparison.Ordinal);

        var other = await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        Assert.DoesNotContain("请补充合作企业合同", await other.GetStringAsync("/portal"), StringComparison.Ordinal);

        var county = await factory.ClientFor("county.130534");
        var staff = await county.GetStringAsync("/staff");
        Assert.Contains("待办事项", staff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentsPage_IsForAdministrators()
    {
        var admin = await factory.ClientFor("admin");
        Assert.Contains("异常事件", await admin.GetStringAsync("/admin/incidents"), StringComparison.Ordinal);
        var province = await factory.ClientFor("province");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await province.GetAsync("/admin/incidents")).StatusCode);
    }
}
