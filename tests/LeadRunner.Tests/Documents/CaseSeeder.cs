using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents;

/// <summary>Recognition cases written straight into the database with the form data of the shared contract.</summary>
public static class CaseSeeder
{
    public const string QingheUscc = "91130534MA0CQH1106";   // 清河县 → 邢台市 130500
    public const string ShaheUscc = "91130582MA0HP3W19U";    // 沙河市 → 邢台市 130500
    public const string XiongUscc = "91130638MA0FB9N1XF";    // 雄县 → 雄安新区 133100

    public static async Task<long> AddCaseAsync(IServiceProvider services, string uscc, JsonObject variables, string step = "provinceReview")
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var enterprise = await db.Enterprises.SingleAsync(e => e.Uscc == uscc);
        var instance = new WorkflowInstance
        {
            DefinitionId = "recognition",
            Version = 1,
            Title = $"{enterprise.Name} 2024 年度认定申报",
            EnterpriseId = enterprise.Id,
            CurrentStep = step,
            StartedBy = "test",
            VariablesJson = variables.ToJsonString(),
        };
        db.WorkflowInstances.Add(instance);
        await db.SaveChangesAsync();
        return instance.Id;
    }

    public static async Task<int> EnterpriseIdAsync(IServiceProvider services, string uscc)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Enterprises.Where(e => e.Uscc == uscc).Select(e => e.Id).SingleAsync();
    }

    /// <summary>A complete application as the form stores it, with a merger and shared manufacturing claimed.</summary>
    public static JsonObject Variables(string name, int rank, string marker, JsonArray? sealedDocuments = null, JsonArray? certificate = null) => new()
    {
        ["year"] = 2024,
        ["cityRank"] = rank,
        ["application"] = new JsonObject
        {
            ["enterpriseName"] = name,
            ["clusterName"] = "清河羊绒产业集群",
            ["industry"] = "纺织",
            ["legalRepresentative"] = "张建国",
            ["address"] = "清河县羊绒工业园区 8 号",
            ["contactName"] = "李秀梅",
            ["contactPhone"] = "13831912345",
            ["contactEmail"] = "limei@hengjia.example.cn",
            ["applicationDate"] = "2024-09-05",
            ["listed"] = false,
            ["inCultivationPool"] = true,
            ["clusterRank"] = 2,
            ["clusterSize"] = 120,
            ["revenue"] = 85600m,
            ["profit"] = 6100m,
            ["tax"] = 3050m,
            ["rdExpense"] = 2996m,
            ["marketShare"] = 12.50m,
            ["financialHistory"] = new JsonArray(
                new JsonObject { ["year"] = 2022, ["revenue"] = 70000m, ["profit"] = 5000m, ["tax"] = 2500m, ["rdExpense"] = 2100m },
                new JsonObject { ["year"] = 2023, ["revenue"] = 78000m, ["profit"] = 5500m, ["tax"] = 2800m, ["rdExpense"] = 2500m }),
            ["basicConditionsStatement"] = $"基本条件说明{marker}",
            ["leadingRole"] = $"引领作用{marker}",
            ["plans"] = $"发展规划{marker}",
            ["specialConditions"] = new JsonArray(
                new JsonObject { ["category"] = "科技创新", ["items"] = new JsonArray("省级企业技术中心"), ["evidence"] = new JsonArray() }),
            ["partners"] = new JsonArray(
                new JsonObject { ["name"] = "清河县宏达纺纱有限公司", ["uscc"] = "91130534MA0AAAAA1X", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "原料供应", ["amount"] = 1200m }),
            ["claimsMerger"] = true,
            ["merger"] = new JsonObject
            {
                ["parties"] = $"并购双方{marker}", ["form"] = "吸收合并", ["amount"] = 5000m, ["completionDate"] = "2023-12-20",
                ["registrationChange"] = "已完成工商变更", ["mainBusinessLocation"] = "清河县", ["chainEffect"] = "补齐染整环节",
            },
            ["claimsSharedManufacturing"] = true,
            ["sharedManufacturing"] = new JsonObject
            {
                ["platform"] = $"共享平台{marker}", ["capacityShared"] = "梳绒产能", ["servicesShared"] = "检测服务", ["innovationShared"] = "联合研发",
                ["usersServed"] = 36, ["results"] = "带动集群企业降本 8%",
            },
            ["evidenceFiles"] = new JsonArray(new JsonObject
            {
                ["storage"] = "url", ["name"] = "licence.pdf", ["originalName"] = $"营业执照{marker}.pdf", ["url"] = $"/api/uploads/{Guid.NewGuid()}", ["size"] = 1, ["type"] = "application/pdf",
            }),
            ["sealedDocuments"] = sealedDocuments ?? new JsonArray(),
            ["declarationAccepted"] = true,
        },
        ["countyReview"] = new JsonObject
        {
            ["statisticsCovered"] = true, ["noMajorAccident"] = true, ["materialsChecked"] = true,
            ["opinion"] = $"县级审核意见{marker}", ["sealedCertificate"] = certificate ?? new JsonArray(),
        },
        ["cityRecommendation"] = new JsonObject { ["rank"] = rank, ["opinion"] = "同意推荐" },
    };

    public static JsonArray FileField(params Guid[] ids) =>
        new([.. ids.Select(id => (JsonNode)new JsonObject
        {
            ["storage"] = "url", ["name"] = $"{id:N}.pdf", ["originalName"] = "盖章扫描件.pdf", ["url"] = $"/api/uploads/{id}", ["size"] = 10, ["type"] = "application/pdf",
        })]);
}
