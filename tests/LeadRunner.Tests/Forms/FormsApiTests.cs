using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Forms;

/// <summary>Filling in forms through the API: server-side validation, submissions, files, 400s and scoping.</summary>
public class FormsApiTests(FormsFactory factory) : IClassFixture<FormsFactory>
{
    internal const string Qinghe = "ent.91130534MA0CQH1106";
    internal const string Xiongxian = "ent.91130638MA0FB9N1XF";

    internal static JsonObject Quarterly(decimal revenue = 12_345_678.9m) => new()
    {
        ["year"] = 2024, ["quarter"] = "第三季度", ["listed"] = false, ["revenue"] = revenue, ["profit"] = -1000, ["tax"] = 50_000,
        ["rdExpense"] = 400_000, ["equipmentInvestment"] = 0, ["employees"] = 320, ["hasMajorEvents"] = false,
        ["contactName"] = "王芳", ["contactPhone"] = "0319-2345678",
    };

    private static JsonObject FileEntry(Guid id, string name = "证明.pdf") => new()
    {
        ["storage"] = "url", ["name"] = name, ["originalName"] = name, ["url"] = $"/api/uploads/{id}", ["size"] = 1, ["type"] = "application/pdf",
    };

    private JsonObject Application(string owner)
    {
        JsonArray Files(string name = "证明.pdf") => [FileEntry(factory.Uploads.Add(owner, name).Id, name)];
        return new JsonObject
        {
            ["enterpriseName"] = "清河县恒嘉羊绒制品有限公司", ["uscc"] = "91130534MA0CQH1106", ["clusterName"] = "清河县羊绒及制品产业集群",
            ["countyName"] = "清河县", ["industry"] = "纺织", ["legalRepresentative"] = "张伟", ["address"] = "河北省邢台市清河县羊绒小镇 8 号",
            ["contactName"] = "王芳", ["contactPhone"] = "13931912345", ["contactEmail"] = "wangfang@hengjia.cn", ["applicationDate"] = "2024-09-05T00:00:00+08:00",
            ["listed"] = false, ["inCultivationPool"] = true, ["clusterRank"] = 3, ["clusterSize"] = 120,
            ["revenue"] = 35600m, ["profit"] = 2100.05m, ["tax"] = 980, ["rdExpense"] = 1150, ["marketShare"] = 12.5m,
            ["financialHistory"] = new JsonArray(
                new JsonObject { ["year"] = 2022, ["revenue"] = 30000, ["profit"] = 1800, ["tax"] = 800, ["rdExpense"] = 900 },
                new JsonObject { ["year"] = 2023, ["revenue"] = 33000, ["profit"] = 1900, ["tax"] = 900, ["rdExpense"] = 1000 }),
            ["basicConditionsStatement"] = "本企业已纳入市级培育库，集群内营业收入排名第 3 位，研发投入占比 3.23%，与 4 家集群内企业开展上下游合作。",
            ["leadingRole"] = "带动集群企业共享设计与检测能力。", ["plans"] = "建设羊绒数字化工厂。",
            ["specialConditions"] = new JsonArray(new JsonObject { ["category"] = "科技创新", ["items"] = new JsonArray("省级企业技术中心"), ["evidence"] = Files() }),
            ["partners"] = new JsonArray(new JsonObject { ["name"] = "清河县羊绒纺纱有限公司", ["uscc"] = "91130534MA0CQH1106", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "原料供应", ["amount"] = 500 }),
            ["claimsMerger"] = false, ["claimsSharedManufacturing"] = false,
            ["evidenceFiles"] = Files("营业执照.pdf"), ["sealedDocuments"] = Files("申请报告盖章版.pdf"), ["declarationAccepted"] = true,
        };
    }

    [Fact]
    public async Task Validate_CompleteApplication_IsValid()
    {
        var client = await factory.ClientFor(Qinghe);
        var response = await client.PostAsJsonAsync("/api/forms/application/validate", new { data = Application(factory.UserId(Qinghe)) });
        var body = await response.Content.ReadFromJsonAsync<FormsApi.ValidationResponse>();
        Assert.True(body!.Valid, string.Join("; ", body.Errors));
    }

    [Fact]
    public async Task Validate_InvalidData_Returns200WithValidFalseAndErrorsPerField()
    {
        var client = await factory.ClientFor(Qinghe);
        var data = Application(factory.UserId(Qinghe));
        data["contactPhone"] = "12345";
        data["financialHistory"]!.AsArray().RemoveAt(1);
        data["partners"]![0]!["relation"] = "旁边";
        var response = await client.PostAsJsonAsync("/api/forms/application/validate", new { data });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<FormsApi.ValidationResponse>();
        Assert.False(body!.Valid);
        Assert.Equal(["contactPhone", "financialHistory", "partners[0].relation"], body.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Validate_FileOfAnotherUserOrMissingOrWrongType_IsRefused()
    {
        var client = await factory.ClientFor(Qinghe);
        var data = Application(factory.UserId(Qinghe));
        data["evidenceFiles"] = new JsonArray(FileEntry(factory.Uploads.Add(factory.UserId(Xiongxian)).Id));
        data["sealedDocuments"] = new JsonArray(FileEntry(factory.Uploads.Add(factory.UserId(Qinghe), "扫描件.png", "image/png").Id));
        data["specialConditions"]![0]!["evidence"] = new JsonArray(FileEntry(Guid.NewGuid()));
        var body = await (await client.PostAsJsonAsync("/api/forms/application/validate", new { data })).Content.ReadFromJsonAsync<FormsApi.ValidationResponse>();
        Assert.Contains(body!.Errors, e => e.Key == "evidenceFiles[0]" && e.Message.Contains("不是您上传的文件", StringComparison.Ordinal));
        Assert.Contains(body.Errors, e => e.Key == "sealedDocuments[0]" && e.Message.Contains("类型不允许", StringComparison.Ordinal));
        Assert.Contains(body.Errors, e => e.Key == "specialConditions[0].evidence[0]" && e.Message.Contains("不存在", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_FileOverTheFieldsSizeLimit_IsRefused()
    {
        var client = await factory.ClientFor(Qinghe);
        var data = Application(factory.UserId(Qinghe));
        data["evidenceFiles"] = new JsonArray(FileEntry(factory.Uploads.Add(factory.UserId(Qinghe), size: 51L << 20).Id));
        var body = await (await client.PostAsJsonAsync("/api/forms/application/validate", new { data })).Content.ReadFromJsonAsync<FormsApi.ValidationResponse>();
        Assert.Contains(body!.Errors, e => e.Key == "evidenceFiles[0]" && e.Message.Contains("50MB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_Valid_StoresCleanedDataWithVersion_AttachesFiles()
    {
        var client = await factory.ClientFor(Qinghe);
        var data = Application(factory.UserId(Qinghe));
        data["merger"] = new JsonObject { ["parties"] = "不应保存" };
        data["role"] = "admin";
        var response = await client.PostAsJsonAsync("/api/forms/application/submissions", new { data, subject = "workflow:1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<FormsApi.Submitted>();
        var stored = await client.GetFromJsonAsync<FormsApi.SubmissionDto>($"/api/forms/submissions/{saved!.Id}");
        Assert.Equal(1, stored!.Version);
        Assert.Equal("workflow:1", stored.Subject);
        Assert.False(stored.Data!.AsObject().ContainsKey("merger"));
        Assert.False(stored.Data.AsObject().ContainsKey("role"));
        Assert.Equal("营业执照.pdf", stored.Data["evidenceFiles"]![0]!["originalName"]!.GetValue<string>());
        var fileId = Guid.Parse(stored.Data["evidenceFiles"]![0]!["name"]!.GetValue<string>());
        Assert.Equal($"form-submission:{saved.Id}", factory.Uploads.Attached[fileId]);
    }

    [Fact]
    public async Task Submit_Invalid_Returns400WithChineseMessagePerField_AndSavesNothing()
    {
        var client = await factory.ClientFor(Xiongxian);
        var data = Quarterly();
        data["revenue"] = -5;
        data.Remove("contactName");
        var response = await client.PostAsJsonAsync("/api/forms/quarterly-update/submissions", new { data, subject = "bad-400" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("不能小于 0", problem["errors"]!["revenue"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("为必填项", problem["errors"]!["contactName"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var mine = await client.GetFromJsonAsync<FormsApi.SubmissionDto[]>("/api/forms/quarterly-update/submissions?subject=bad-400");
        Assert.Empty(mine!);
    }

    [Theory]
    [InlineData("""{ }""", "data")]
    [InlineData("""{ "data": [1, 2] }""", null)]
    [InlineData("""{ "data": {}, "subject": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }""", "subject")]
    public async Task Submit_MalformedBody_Returns400Not500(string body, string? field)
    {
        var client = await factory.ClientFor(Qinghe);
        var response = await client.PostAsync("/api/forms/quarterly-update/submissions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
        }
    }

    [Fact]
    public async Task AFormLimitedToEnterprises_RefusesAStandaloneSubmissionFromACounty_AndStoresNothing()
    {
        var county = await factory.ClientFor("county.130534");
        var data = Application(factory.UserId(Qinghe));

        var response = await county.PostAsJsonAsync("/api/forms/application/submissions", new { data, subject = "roles" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("只能由企业单独填写提交", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await (await factory.ClientFor("admin")).GetFromJsonAsync<FormsApi.SubmissionDto[]>("/api/forms/application/submissions?subject=roles"))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/forms/application")).StatusCode);
        // The schema and validation stay open to staff: a case action may hand them the form (e.g. an escalated task).
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/forms/application")).StatusCode);
    }

    [Fact]
    public async Task LoginForm_Anonymous_Gets401_PublicObjectionForm_IsOpenToAnyone()
    {
        var anonymous = factory.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/forms/application")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/forms/application/submissions", new { data = new { } })).StatusCode);
        var schema = JsonNode.Parse(await anonymous.GetStringAsync("/api/forms/objection"))!;
        Assert.Equal("objection", schema["key"]!.GetValue<string>());
        Assert.Equal(1, schema["version"]!.GetValue<int>());
        var objection = new JsonObject
        {
            ["objectorType"] = "个人", ["objectorName"] = "李明", ["contactPhone"] = "13800138000", ["targetEnterpriseName"] = "雄县新宇塑料包装有限公司",
            ["grounds"] = "该企业上年度发生过环境污染事故，被生态环境部门处罚，不符合认定条件。", ["realNameCommitment"] = true,
        };
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/forms/objection/submissions", new { data = objection })).StatusCode);
    }

    [Fact]
    public async Task Submissions_AreScoped_EnterpriseCountyAndCitySeeOnlyTheirOwn()
    {
        var qinghe = await factory.ClientFor(Qinghe);
        var xiongxian = await factory.ClientFor(Xiongxian);
        var ownId = (await (await qinghe.PostAsJsonAsync("/api/forms/quarterly-update/submissions", new { data = Quarterly(), subject = "scope" })).Content.ReadFromJsonAsync<FormsApi.Submitted>())!.Id;
        var otherId = (await (await xiongxian.PostAsJsonAsync("/api/forms/quarterly-update/submissions", new { data = Quarterly(), subject = "scope" })).Content.ReadFromJsonAsync<FormsApi.Submitted>())!.Id;

        async Task<long[]> Visible(string user) =>
            [.. (await (await factory.ClientFor(user)).GetFromJsonAsync<FormsApi.SubmissionDto[]>("/api/forms/quarterly-update/submissions?subject=scope"))!.Select(s => s.Id)];

        Assert.Equal([ownId], await Visible(Qinghe));
        Assert.Equal([ownId], await Visible("county.130534"));
        Assert.Equal([ownId], await Visible("city.130500"));
        Assert.Equal([otherId], await Visible("city.133100"));
        Assert.Equal([otherId], await Visible("county.130638"));
        Assert.Empty(await Visible("county.130181"));
        Assert.Equal([otherId, ownId], await Visible("province"));
        Assert.Equal(HttpStatusCode.NotFound, (await xiongxian.GetAsync($"/api/forms/submissions/{ownId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientFor("county.130638")).GetAsync($"/api/forms/submissions/{ownId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientFor("county.130534")).GetAsync($"/api/forms/submissions/{ownId}")).StatusCode);
    }

    [Fact]
    public async Task Draft_SavedAsYouType_ResumesAfterLoggingInAgain_OnlyForItsOwner_AndGoesOnSubmit()
    {
        var first = await factory.ClientFor(Qinghe);
        var partial = new JsonObject { ["year"] = 2024, ["contactName"] = "王" };
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync("/api/forms/quarterly-update/draft?subject=q3", new { data = partial })).StatusCode);
        partial["contactName"] = "王芳";
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync("/api/forms/quarterly-update/draft?subject=q3", new { data = partial })).StatusCode);

        var again = await factory.ClientFor(Qinghe);
        var draft = await again.GetFromJsonAsync<FormDraftsApi.DraftDto>("/api/forms/quarterly-update/draft?subject=q3");
        Assert.Equal("王芳", draft!.Data!["contactName"]!.GetValue<string>());
        Assert.Equal(1, draft.FormVersion);

        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientFor(Xiongxian)).GetAsync("/api/forms/quarterly-update/draft?subject=q3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientFor("admin")).GetAsync("/api/forms/quarterly-update/draft?subject=q3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync("/api/forms/quarterly-update/draft?subject=q4")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/api/forms/quarterly-update/draft?subject=q3")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await again.PostAsJsonAsync("/api/forms/quarterly-update/submissions", new { data = Quarterly(), subject = "q3" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync("/api/forms/quarterly-update/draft?subject=q3")).StatusCode);
    }

    [Fact]
    public async Task FormValidationService_ValidatesAgainstCurrentVersion_ForTheWorkflow()
    {
        using var scope = factory.Services.CreateScope();
        var validation = scope.ServiceProvider.GetRequiredService<FormValidation>();
        var result = await validation.ValidateAsync("city-recommendation", new JsonObject { ["rank"] = 0, ["opinion"] = "同意推荐", ["x"] = 1 }, "someone", 2024, CancellationToken.None);
        Assert.False(result.Valid);
        Assert.Equal("rank", Assert.Single(result.Errors).Key);
        Assert.NotNull(result.Version);
        var ok = await validation.ValidateAsync("city-recommendation", new JsonObject { ["rank"] = 1, ["opinion"] = "同意推荐", ["x"] = 1 }, "someone", 2024, CancellationToken.None);
        Assert.True(ok.Valid);
        Assert.False(ok.Data.ContainsKey("x"));
        var missing = await validation.ValidateAsync("no-such-form", [], "someone", 2024, CancellationToken.None);
        Assert.False(missing.Valid);
        Assert.Null(missing.Version);
    }
}
