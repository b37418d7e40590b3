using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>The cultivation pool entry: the enterprise applies with the pool-entry form, county recommends, city admits.</summary>
public class PoolEntryFlowTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private const string Enterprise = "ent." + WorkflowDriver.QingheUscc;

    private static async Task<JsonObject> PoolEntryAsync(HttpClient client) => new()
    {
        ["enterpriseName"] = "清河县恒嘉羊绒制品有限公司", ["uscc"] = WorkflowDriver.QingheUscc, ["clusterName"] = "清河县羊绒及制品产业集群",
        ["countyName"] = "清河县", ["industry"] = "纺织", ["legalRepresentative"] = "张伟", ["address"] = "河北省邢台市清河县羊绒小镇 8 号",
        ["contactName"] = "王芳", ["contactPhone"] = "0319-8123456", ["contactEmail"] = "wangfang@example.cn", ["mainProducts"] = "羊绒衫、羊绒纱线",
        ["revenue"] = 35600, ["profit"] = 2100, ["tax"] = 980, ["rdExpense"] = 1150, ["marketShare"] = 12.5m,
        ["legalStatusStatement"] = "在清河县注册的独立法人。", ["financeQualityStatement"] = "近三年营业收入持续增长。",
        ["innovationStatement"] = "拥有发明专利 5 项。", ["socialResponsibilityStatement"] = "近三年无安全、环保事故。",
        ["complianceDeclared"] = true, ["evidenceFiles"] = await CaseFormData.FilesAsync(client, "营业执照.pdf"),
    };

    [Fact]
    public async Task Submit_TakesThePoolEntryForm_RefusingItWithoutTheRequiredFields()
    {
        var client = await factory.ClientFor(Enterprise);
        var started = await client.PostAsJsonAsync("/api/instances", new { workflow = "pool-entry", variables = new { year = 2024 } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var drive = new WorkflowDriver(factory);
        var taskId = await drive.TaskIdAsync(Enterprise, id);

        var data = await PoolEntryAsync(client);
        data.Remove("mainProducts");
        var refused = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "submit", data });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data.mainProducts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application", (await drive.InstanceAsync(id)).CurrentStep);

        var accepted = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "submit", data = await PoolEntryAsync(client) });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var moved = await drive.InstanceAsync(id);
        Assert.Equal("countyRecommendation", moved.CurrentStep);
        Assert.Equal("羊绒衫、羊绒纱线", moved.Variables!["poolEntry"]!["mainProducts"]!.GetValue<string>());
    }
}
