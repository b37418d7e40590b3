using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>Form definitions and their versions, for administrators and the designer page.</summary>
public static class FormsAdminApi
{
    public sealed record VersionDto(int Id, int? Version, string Title, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? PublishedAt, string? PublishedBy, string? Note, int? BasedOnVersion);
    public sealed record FormDto(string Key, string Title, int? CurrentVersion, bool HasDraft, IReadOnlyList<VersionDto> Versions);
    public sealed record SchemaCheck(bool Valid, IReadOnlyList<ValidationError> Errors);
    public sealed record NoteRequest(string? Note);
    /// <param name="RefusedSettings">Settings the server refuses at publish (<see cref="UnsupportedSettings"/>): the designer does not offer them.</param>
    public sealed record BuilderConfig(IReadOnlyList<SupportedComponents.Entry> Components, IReadOnlyList<string> RefusedSettings);

    private const int MaxSchemaBytes = 1 << 20;

    public static void MapFormsAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/forms").WithTags("表单定义").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", List).WithName("ListForms").WithSummary("表单定义列表")
            .WithDescription("列出全部表单定义及其版本历史（草稿在前，其后由新到旧）；仅系统管理员可调用。");
        group.MapGet("/builder-config", GetBuilderConfig).WithName("GetFormBuilderConfig").WithSummary("表单设计器配置")
            .WithDescription("返回设计器可用的组件，以及发布时会被拒绝、设计器不提供的设置；仅系统管理员可调用。");
        group.MapGet("/{key}/versions/{version:int}", GetVersion).Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .WithName("GetFormVersion").WithSummary("读取表单的某一版")
            .WithDescription("返回表单某一已保存版本的完整定义（Form.io JSON）；仅系统管理员可调用。版本不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/versions/{version:int}/export", (string key, int version, ArtifactStore store) => VersionsApi.ExportAsync(store, FormKind.Kind, key, version))
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .WithName("ExportFormVersion").WithSummary("导出表单的某一版")
            .WithDescription("把表单的某一版作为 .form.json 文件下载，可在另一套系统导入；仅系统管理员可调用。版本不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/design", GetDesign).Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .WithName("GetFormDesign").WithSummary("读取设计器打开的表单")
            .WithDescription("返回表单的草稿，没有草稿时返回当前版本，均经过清理；仅系统管理员可调用。表单不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}/design", SaveDesign).Accepts<JsonNode>("application/json")
            .WithName("SaveFormDesign").WithSummary("保存表单草稿")
            .WithDescription("把设计器中的表单定义保存为该表单唯一的草稿（不超过 1 MB）；仅系统管理员可调用。定义有误答 400（逐项说明），草稿已被他人发布答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{key}/check", Check).Accepts<JsonNode>("application/json")
            .WithName("CheckFormDesign").WithSummary("检查表单定义")
            .WithDescription("检查一份表单定义能否发布，返回是否通过和逐项的问题，不保存；仅系统管理员可调用。");
        group.MapPost("/{key}/publish", Publish).WithName("PublishFormDraft").WithSummary("发布表单草稿")
            .WithDescription("把表单的草稿发布为新版本，须填写发布说明；仅系统管理员可调用。说明缺失或过长答 400，没有草稿答 404，已被他人修改答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{key}/versions/{version:int}/rollback", Rollback).WithName("RollbackFormVersion").WithSummary("回退到表单的旧版本")
            .WithDescription("以表单的某一旧版本发布为新的当前版本；仅系统管理员可调用。说明过长答 400，版本不存在答 404，该版已是当前版本答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{key}/diff", Diff).WithName("CompareFormVersions").WithSummary("比较表单的两个版本")
            .WithDescription("列出表单第 from 版与第 to 版之间逐项的增删改；仅系统管理员可调用。任一版本不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/import", Import).Accepts<JsonNode>("application/json", "multipart/form-data").DisableAntiforgery()
            .WithName("ImportForm").WithSummary("导入表单定义文件")
            .WithDescription("把导出的 .form.json 文件（请求正文或 multipart 字段 file，不超过 1 MB）读入为所属表单的草稿，发布前可审阅；仅系统管理员可调用。文件有误答 400。")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<FormDto[]>> List(LeadRunnerDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct));

    /// <summary>Every form with its versions, draft first then newest first: the forms page and the API share this.</summary>
    public static async Task<FormDto[]> ListAsync(LeadRunnerDb db, CancellationToken ct)
    {
        var versions = await db.ArtifactVersions.AsNoTracking().Of(FormKind.Kind).OrderBy(v => v.Key).ThenByDescending(v => v.Version == null).ThenByDescending(v => v.Version).ToListAsync(ct);
        return [.. versions.GroupBy(v => v.Key).Select(g => new FormDto(g.Key,
            g.FirstOrDefault(v => v.Version != null)?.Title ?? g.First().Title,
            g.Max(v => v.Version), g.Any(v => v.Version == null), g.Select(ToDto).ToList()))];
    }

    private static Ok<BuilderConfig> GetBuilderConfig() =>
        TypedResults.Ok(new BuilderConfig(SupportedComponents.All, [.. UnsupportedSettings.Settings.Select(s => s.Path)]));

    public static VersionDto ToDto(ArtifactVersion v) => new(v.Id, v.Version, v.Title, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy, v.Note, v.BasedOnVersion);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersion(string key, int version, LeadRunnerDb db)
    {
        var json = await db.ArtifactVersions.Of(FormKind.Kind, key).Where(v => v.Version == version).Select(v => v.Content).FirstOrDefaultAsync();
        return json is null ? ApiProblems.NotFound($"表单“{key}”没有版本 {version}。") : TypedResults.Text(json, "application/json", Encoding.UTF8);
    }

    /// <summary>The draft if there is one, else the current version: what the designer opens.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDesign(string key, LeadRunnerDb db)
    {
        var json = await db.ArtifactVersions.Of(FormKind.Kind, key).OrderBy(v => v.Version != null).ThenByDescending(v => v.Version)
            .Select(v => v.Content).FirstOrDefaultAsync();
        // The designer renders the form it opens: a version stored before sanitising existed is cleaned here too.
        return json is null ? ApiProblems.NotFound($"表单“{key}”不存在。")
            : TypedResults.Text(FormKind.Normalise(FormHtml.Sanitise(JsonNode.Parse(json)!.AsObject())), "application/json", Encoding.UTF8);
    }

    private static async Task<Results<Ok<VersionDto>, ValidationProblem, ProblemHttpResult>> SaveDesign(string key, HttpRequest request, FormKind kind, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct);
        if (text is null)
        {
            return ApiProblems.Invalid("$", "表单定义超过 1 MB。");
        }
        var outcome = await kind.SaveDraftAsync(store, key, text, UserName(user), null, ct);
        return Answer(outcome);
    }

    private static async Task<Ok<SchemaCheck>> Check(string key, HttpRequest request, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct);
        var result = text is null ? new FormSchemaReader.Result(null, null, [ValidationError.At("$", "表单定义超过 1 MB。")]) : FormSchemaReader.Read(text);
        return TypedResults.Ok(new SchemaCheck(result.Definition is not null, result.Errors));
    }

    private static async Task<Results<Ok<VersionDto>, ValidationProblem, ProblemHttpResult>> Publish(string key, [FromBody] NoteRequest? request, FormKind kind, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await kind.DraftAsync(key, ct) is { } draft
            ? await store.PublishDraftAsync(FormKind.Kind, key, draft.Id, UserName(user), request?.Note, ct: ct)
            : new VersionOutcome.NotFound($"表单“{key}”没有待发布的草稿。");
        return Answer(outcome);
    }

    private static async Task<Results<Ok<VersionDto>, ValidationProblem, ProblemHttpResult>> Rollback(string key, int version, [FromBody] NoteRequest? request, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await store.RollbackAsync(FormKind.Kind, key, version, UserName(user), request?.Note, ct);
        return Answer(outcome);
    }

    private static async Task<Results<Ok<IReadOnlyList<FormDiff.Change>>, ProblemHttpResult>> Diff(string key, int from, int to, LeadRunnerDb db)
    {
        var pair = await db.ArtifactVersions.Of(FormKind.Kind, key).Where(v => v.Version == from || v.Version == to).ToDictionaryAsync(v => v.Version!.Value, v => v.Content);
        if (!pair.TryGetValue(from, out var before) || !pair.TryGetValue(to, out var after))
        {
            return ApiProblems.NotFound($"表单“{key}”没有版本 {(pair.ContainsKey(from) ? to : from)}。");
        }
        return TypedResults.Ok(FormDiff.Compare(JsonNode.Parse(before)!.AsObject(), JsonNode.Parse(after)!.AsObject()));
    }

    /// <summary>Accepts the file either as the request body or as a multipart upload named "file".</summary>
    private static async Task<Results<Ok<VersionDto>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request, FormKind kind, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        string? text;
        if (request.HasFormContentType)
        {
            var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
            if (file is null || file.Length > MaxSchemaBytes)
            {
                return ApiProblems.Invalid("file", file is null ? "请选择要导入的表单定义文件（.form.json）。" : "表单定义文件超过 1 MB。");
            }
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }
        else
        {
            text = await ReadBodyAsync(request, ct);
        }
        if (text is null)
        {
            return ApiProblems.Invalid("$", "表单定义超过 1 MB。");
        }
        var outcome = await kind.ImportAsync(store, text, UserName(user), ct);
        return Answer(outcome);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxSchemaBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return read > MaxSchemaBytes ? null : new string(buffer, 0, read);
    }

    private static string UserName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "管理员";

    private static Results<Ok<VersionDto>, ValidationProblem, ProblemHttpResult> Answer(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Saved saved => TypedResults.Ok(ToDto(saved.Version)),
        VersionOutcome.NotFound nf => ApiProblems.NotFound(nf.Message),
        VersionOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        VersionOutcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => $"{e.Path}：{e.Message}").ToArray())),
        _ => throw new InvalidOperationException("Unexpected outcome."),
    };
}
