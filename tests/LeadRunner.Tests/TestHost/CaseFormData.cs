using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LeadRunner.Tests.TestHost;

/// <summary>Valid data for the forms the recognition workflow names, with its files uploaded for real.</summary>
public static class CaseFormData
{
    public static async Task<JsonObject> ApplicationAsync(HttpClient client, string uscc) => new()
    {
        ["enterpriseName"] = "测试申报企业", ["uscc"] = uscc, ["clusterName"] = "测试产业集群",
        ["countyName"] = "测试县", ["industry"] = "纺织", ["legalRepresentative"] = "张伟", ["address"] = "河北省邢台市清河县羊绒小镇 8 号",
        ["contactName"] = "王芳", ["contactPhone"] = "13931912345", ["contactEmail"] = "wangfang@example.cn", ["applicationDate"] = "2024-09-05T00:00:00+08:00",
        ["listed"] = false, ["inCultivationPool"] = true, ["clusterRank"] = 3, ["clusterSize"] = 120,
        ["revenue"] = 35600m, ["profit"] = 2100.05m, ["tax"] = 980, ["rdExpense"] = 1150, ["marketShare"] = 12.5m,
        ["financialHistory"] = new JsonArray(
            new JsonObject { ["year"] = 2022, ["revenue"] = 30000, ["profit"] = 1800, ["tax"] = 800, ["rdExpense"] = 900 },
            new JsonObject { ["year"] = 2023, ["revenue"] = 33000, ["profit"] = 1900, ["tax"] = 900, ["rdExpense"] = 1000 }),
        ["basicConditionsStatement"] = "本企业已纳入市级培育库，集群内营业收入排名第 3 位，研发投入占比 3.23%。",
        ["leadingRole"] = "带动集群企业共享设计与检测能力。", ["plans"] = "建设数字化工厂。",
        ["specialConditions"] = new JsonArray(new JsonObject
        {
            ["category"] = "科技创新", ["items"] = new JsonArray("省级及以上企业技术中心"), ["evidence"] = await FilesAsync(client, "技术中心认定文件.pdf"),
        }),
        ["partners"] = new JsonArray(
            new JsonObject { ["name"] = "上游协作企业甲", ["uscc"] = "91130181MA0DJ7R11T", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "原料供应", ["amount"] = 500 },
            new JsonObject { ["name"] = "上游协作企业乙", ["uscc"] = "91130682MA0E2K4192", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "纺纱", ["amount"] = 300 },
            new JsonObject { ["name"] = "下游协作企业丙", ["uscc"] = "91131125MA0G6T214Y", ["inCluster"] = true, ["relation"] = "下游", ["content"] = "成衣加工", ["amount"] = 400 }),
        ["claimsMerger"] = false, ["claimsSharedManufacturing"] = false,
        ["evidenceFiles"] = await FilesAsync(client, "营业执照.pdf"), ["sealedDocuments"] = await FilesAsync(client, "申请报告盖章版.pdf"),
        ["declarationAccepted"] = true,
    };

    public static async Task<JsonObject> CountyReviewAsync(HttpClient client) => new()
    {
        ["statisticsCovered"] = true, ["noMajorAccident"] = true, ["materialsChecked"] = true,
        ["opinion"] = "经审核，该企业申报材料真实、合规，同意推荐。", ["sealedCertificate"] = await FilesAsync(client, "县级证明盖章版.pdf"),
    };

    public static JsonObject CityRecommendation(int rank = 1) => new() { ["rank"] = rank, ["opinion"] = "同意推荐。" };

    /// <summary>Uploads a small PDF as the client's user and returns the Form.io file entry that points at it.</summary>
    public static async Task<JsonArray> FilesAsync(HttpClient client, string name)
    {
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        body.Add(file, "file", name);
        var response = await client.PostAsync("/api/uploads", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [new JsonObject
        {
            ["storage"] = "url", ["name"] = created["name"]!.GetValue<string>(), ["originalName"] = name,
            ["url"] = created["url"]!.GetValue<string>(), ["size"] = created["size"]!.GetValue<long>(), ["type"] = "application/pdf",
        }];
    }
}
