using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// One enterprise ready to submit: signed in, its case started, its files uploaded and its application filled, so
/// that the measured request is the submission alone (form validation, eligibility rules, transition, outbox).
/// </summary>
public sealed record Applicant(string Uscc, string Token, long CaseId, long TaskId, byte[] Body)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static async Task<Applicant> PrepareAsync(HttpClient http, string uscc, int index)
    {
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = $"ent.{uscc}", password = LoadSeed.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();

        using var start = Request(HttpMethod.Post, "/api/instances", token, JsonContent.Create(new { workflow = "recognition", variables = new { year = LoadSeed.Year } }));
        var started = await Expect(await http.SendAsync(start));
        var caseId = started["id"]!.GetValue<long>();
        using var read = Request(HttpMethod.Get, $"/api/instances/{caseId}", token);
        var instance = await Expect(await http.SendAsync(read));
        var taskId = instance["openTasks"]!.AsArray().Single()!["id"]!.GetValue<long>();

        var form = Application(uscc, index);
        ((JsonObject)form["specialConditions"]![0]!)["evidence"] = await FileAsync(http, token, "技术中心认定文件.pdf");
        form["evidenceFiles"] = await FileAsync(http, token, "营业执照.pdf");
        form["sealedDocuments"] = await FileAsync(http, token, "申请报告盖章版.pdf");
        var body = new JsonObject { ["action"] = "submit", ["data"] = form };
        return new Applicant(uscc, token, caseId, taskId, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    public HttpRequestMessage Submission() =>
        Request(HttpMethod.Post, $"/api/tasks/{TaskId}/complete", Token, new ByteArrayContent(Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<JsonObject> Expect(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}：{(int)response.StatusCode} {text}");
    }

    private static async Task<JsonArray> FileAsync(HttpClient http, string token, string name)
    {
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        body.Add(file, "file", name);
        using var request = Request(HttpMethod.Post, "/api/uploads", token, body);
        var created = await Expect(await http.SendAsync(request));
        return [new JsonObject
        {
            ["storage"] = "url", ["name"] = created["name"]!.GetValue<string>(), ["originalName"] = name,
            ["url"] = created["url"]!.GetValue<string>(), ["size"] = created["size"]!.GetValue<long>(), ["type"] = "application/pdf",
        }];
    }

    /// <summary>A complete, valid application in 万元 (the 2024 round's unit), varied per enterprise.</summary>
    private static JsonObject Application(string uscc, int index) => new()
    {
        ["enterpriseName"] = $"负载测试企业{index + 1:D4}", ["uscc"] = uscc, ["clusterName"] = "清河羊绒产业集群",
        ["countyName"] = "清河县", ["industry"] = "纺织", ["legalRepresentative"] = "张伟", ["address"] = $"河北省邢台市清河县羊绒小镇 {index + 1} 号",
        ["contactName"] = "王芳", ["contactPhone"] = "13931912345", ["contactEmail"] = $"office{index}@example.cn", ["applicationDate"] = "2024-09-05T00:00:00+08:00",
        ["listed"] = false, ["inCultivationPool"] = true, ["clusterRank"] = 1 + index % 9, ["clusterSize"] = 120,
        ["revenue"] = 30000m + index, ["profit"] = 2100.05m, ["tax"] = 980, ["rdExpense"] = 1150, ["marketShare"] = 12.5m,
        ["financialHistory"] = new JsonArray(
            new JsonObject { ["year"] = 2022, ["revenue"] = 26000, ["profit"] = 1800, ["tax"] = 800, ["rdExpense"] = 900 },
            new JsonObject { ["year"] = 2023, ["revenue"] = 28000, ["profit"] = 1900, ["tax"] = 900, ["rdExpense"] = 1000 }),
        ["basicConditionsStatement"] = "本企业已纳入市级培育库，集群内营业收入排名前列，研发投入占比 3.8%。",
        ["leadingRole"] = "带动集群企业共享设计与检测能力。", ["plans"] = "建设数字化工厂。",
        ["specialConditions"] = new JsonArray(new JsonObject { ["category"] = "科技创新", ["items"] = new JsonArray("省级及以上企业技术中心") }),
        ["partners"] = new JsonArray(
            new JsonObject { ["name"] = "上游协作企业甲", ["uscc"] = "91130181MA0DJ7R11T", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "原料供应", ["amount"] = 500 },
            new JsonObject { ["name"] = "上游协作企业乙", ["uscc"] = "91130682MA0E2K4192", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "纺纱", ["amount"] = 300 },
            new JsonObject { ["name"] = "下游协作企业丙", ["uscc"] = "91131125MA0G6T214Y", ["inCluster"] = true, ["relation"] = "下游", ["content"] = "成衣加工", ["amount"] = 400 }),
        ["claimsMerger"] = false, ["claimsSharedManufacturing"] = false, ["declarationAccepted"] = true,
    };
}
