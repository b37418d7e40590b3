using System.Net;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Workflow.Pages;

public class CaseActionPageTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowDriver _drive = new(factory);

    [Fact]
    public async Task CasePage_LinksTheFormAction_AndTheFormPageStartsFromTheEnterprisesFacts()
    {
        var id = await _drive.StartRecognitionAsync();
        var enterprise = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");

        var casePage = await enterprise.GetStringAsync($"/cases/{id}");
        Assert.Contains($"href=\"/cases/{id}/act/submit\"", casePage, StringComparison.Ordinal);

        var formPage = await enterprise.GetStringAsync($"/cases/{id}/act/submit");
        Assert.Contains("id=\"form-schema\"", formPage, StringComparison.Ordinal);
        Assert.Contains($"data-task-id=\"{await _drive.TaskIdAsync($"ent.{WorkflowDriver.QingheUscc}", id)}\"", formPage, StringComparison.Ordinal);
        Assert.Contains(WorkflowDriver.QingheUscc, formPage.Split("id=\"form-initial\"")[1], StringComparison.Ordinal);
        Assert.Contains($"data-subject=\"workflow:{id}\"", formPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPage_ForSomeoneWithoutTheTask_IsNotFound()
    {
        var id = await _drive.StartRecognitionAsync();
        var other = await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{id}/act/submit")).StatusCode);
        var county = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/cases/{id}/act/submit")).StatusCode);
        var owner = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/cases/{id}/act/no-such-action")).StatusCode);
    }

    [Fact]
    public async Task FormPage_AfterAReturn_ShowsTheApplicationAsSubmitted()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit", data: new { plans = "建设羊绒数字化工厂二期。" });
        await _drive.CompleteOkAsync("county.130534", id, "return", comment: "请补充合作协议");
        var owner = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var formPage = await owner.GetStringAsync($"/cases/{id}/act/submit");
        Assert.Contains("建设羊绒数字化工厂二期。", formPage.Split("id=\"form-initial\"")[1], StringComparison.Ordinal);
    }
}
