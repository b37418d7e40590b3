using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Versions;

/// <summary>Definitions and their versions, for administrators and their tools; every change goes through the shared versioning.</summary>
public static class WorkflowsApi
{
    public sealed record VersionDto(int Id, int? Version, string State, string Title, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? PublishedAt, string? PublishedBy, DateTimeOffset? RetractedAt, string? RetractedBy, string? RetractNote, string? Note, int? BasedOnVersion);
    public sealed record DefinitionDto(string Id, string Title, int? CurrentVersion, IReadOnlyList<VersionDto> Versions);
    public sealed record PublishRequest(string? Note, bool Migrate = false, Dictionary<string, string>? StepMapping = null);
    public sealed record NoteRequest(string? Note);
    public sealed record DraftSaved(int DraftId, string DefinitionId, string Title);
    public sealed record Validation(bool Valid, IReadOnlyList<ValidationError> Errors, string? Diagram);

    /// <summary>A 409 that stops a publish: the conflict as any versioned kind's, and each step that cases would lose, with their count.</summary>
    public sealed class PublishBlocked : ArtifactProblem
    {
        [JsonPropertyName("steps")]
        public IReadOnlyList<WorkflowKind.StepImpact> Steps { get; init; } = [];

        public static PublishBlocked Of(string message, IReadOnlyList<WorkflowKind.StepImpact> steps) =>
            Fill(new PublishBlocked { Steps = steps }, StatusCodes.Status409Conflict, "发布被阻止", message);
    }

    public static void MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("流程定义").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", List)
            .WithName("ListWorkflows").WithSummary("流程定义列表")
            .WithDescription("列出全部流程定义及其各版本（草稿、已发布、已撤回）和当前版本号。仅系统管理员可用。");
        group.MapGet("/schema", (WorkflowSchema schema) => TypedResults.Text(schema.Text, "application/schema+json", Encoding.UTF8))
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/schema+json")
            .WithName("GetWorkflowSchema").WithSummary("流程定义的 JSON Schema")
            .WithDescription("返回流程定义文件的 JSON Schema，供编辑器和外部工具校验、补全。仅系统管理员可用。");
        group.MapGet("/{id}/versions/{version:int}", GetVersion)
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetWorkflowVersion").WithSummary("查看流程某一版本")
            .WithDescription("按保存时的原文返回流程定义某一版本的 JSON。仅系统管理员可用；版本不存在返回 404。");
        group.MapGet("/{id}/drafts/{draftId:int}", GetDraft)
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetWorkflowDraft").WithSummary("查看流程草稿")
            .WithDescription("按保存时的原文返回流程定义草稿的 JSON。仅系统管理员可用；草稿不存在或已发布返回 404。");
        group.MapGet("/{id}/versions/{version:int}/export", (string id, int version, ArtifactStore store) => VersionsApi.ExportAsync(store, WorkflowKind.Kind, id, version))
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportWorkflowVersion").WithSummary("下载流程某一版本")
            .WithDescription("以 JSON 文件形式下载流程定义的某一版本，可在其他环境导入。仅系统管理员可用；版本不存在返回 404。");
        group.MapGet("/{id}/diagram", Diagram)
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetWorkflowDiagram").WithSummary("流程图（Mermaid）")
            .WithDescription("以 Mermaid 文本返回流程当前版本的流程图。仅系统管理员可用；流程没有已发布的版本返回 404。");
        group.MapGet("/{id}/diff", Diff)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("CompareWorkflowVersions").WithSummary("比较流程两个版本")
            .WithDescription("列出流程从第 from 版到第 to 版在步骤、流转和变量上的改动。仅系统管理员可用；任一版本不存在返回 404。");
        group.MapPost("/{id}/validate", Validate).Accepts<JsonObject>("application/json")
            .WithName("ValidateWorkflowDefinition").WithSummary("校验流程定义")
            .WithDescription("校验请求体中的流程定义（不保存），返回带行列位置的错误和可预览的流程图。仅系统管理员可用。");
        group.MapPost("/{id}/drafts", CreateDraft).Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("CreateWorkflowDraft").WithSummary("新建流程草稿")
            .WithDescription("以请求体中的流程定义新建一份草稿，当前版本不受影响。仅系统管理员可用；定义有误返回 400 及逐项错误（含行列），有冲突返回 409。");
        group.MapPut("/{id}/drafts/{draftId:int}", UpdateDraft).Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("UpdateWorkflowDraft").WithSummary("保存流程草稿")
            .WithDescription("以请求体中的流程定义覆盖一份草稿。仅系统管理员可用；定义有误返回 400 及逐项错误（含行列），草稿不存在返回 404，草稿刚被他人修改返回 409。");
        group.MapPost("/{id}/drafts/{draftId:int}/preview", Preview)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("PreviewWorkflowPublish").WithSummary("预览发布的影响")
            .WithDescription("列出发布该草稿时仍有案件停留、而新版本删除或改名了的步骤及案件数，可按 stepMapping 试算对应关系。仅系统管理员可用；草稿不存在返回 404。");
        // A blocked publish or rollback also lists the stranded steps: declared last, PublishBlocked replaces the plain 409 in the description.
        group.MapPost("/{id}/drafts/{draftId:int}/publish", Publish)
            .ProducesProblem(StatusCodes.Status404NotFound).Produces<PublishBlocked>(StatusCodes.Status409Conflict, ArtifactProblemResult.MediaType)
            .WithName("PublishWorkflowVersion").WithSummary("发布流程草稿")
            .WithDescription("把草稿发布为新的当前版本，可选择把在办案件迁移到新版本（migrate、stepMapping）。仅系统管理员可用；定义有误返回 400，草稿不存在返回 404，会使在办案件失去所在步骤或刚被他人修改返回 409。");
        group.MapPost("/{id}/versions/{version:int}/retract", Retract)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RetractWorkflowVersion").WithSummary("撤回流程版本")
            .WithDescription("撤回流程的一个已发布版本：此后不再以它发起案件，已在其上运行的案件继续运行。仅系统管理员可用；说明过长返回 400，版本不存在或未发布返回 404。");
        group.MapPost("/{id}/versions/{version:int}/rollback", Rollback)
            .ProducesProblem(StatusCodes.Status404NotFound).Produces<PublishBlocked>(StatusCodes.Status409Conflict, ArtifactProblemResult.MediaType)
            .WithName("RollbackWorkflowVersion").WithSummary("回滚流程版本")
            .WithDescription("以某一旧版本的内容发布一个新的当前版本。仅系统管理员可用；旧定义在当前设置下无效返回 400，版本不存在返回 404，已是当前版本或会使在办案件失去所在步骤返回 409。");
        // No Accepts: it would refuse the multipart upload with 415.
        group.MapPost("/import", Import).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ImportWorkflowDefinition").WithSummary("导入流程定义文件")
            .WithDescription("把流程定义文件（multipart 表单字段 file，不超过 1 MB；或直接以 JSON 为请求体）导入为其 id 对应流程的新草稿。仅系统管理员可用；文件过大、不是有效的流程定义或定义有误返回 400，有冲突返回 409。");
    }

    public static async Task<Ok<DefinitionDto[]>> List(LeadRunnerDb db) => TypedResults.Ok(await ListAsync(db));

    /// <summary>Every definition with all its versions; the API and the editor's list page read it here.</summary>
    public static async Task<DefinitionDto[]> ListAsync(LeadRunnerDb db)
    {
        var versions = await db.ArtifactVersions.AsNoTracking().Of(WorkflowKind.Kind).OrderBy(v => v.Key).ThenByDescending(v => v.Version).ThenByDescending(v => v.Id).ToListAsync();
        return versions.GroupBy(v => v.Key).Select(g => new DefinitionDto(g.Key,
            g.Where(v => v.State == VersionState.Published).Select(v => v.Title).FirstOrDefault() ?? g.First().Title,
            g.Where(v => v.State == VersionState.Published).Max(v => v.Version),
            g.Select(ToDto).ToList())).ToArray();
    }

    public static VersionDto ToDto(ArtifactVersion v) => new(v.Id, v.Version, VersionsApi.StateName(v.State), v.Title, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy, v.RetractedAt, v.RetractedBy, v.RetractNote, v.Note, v.BasedOnVersion);

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersion(string id, int version, LeadRunnerDb db)
    {
        var json = await db.ArtifactVersions.Of(WorkflowKind.Kind, id).Where(v => v.Version == version).Select(v => v.Content).FirstOrDefaultAsync();
        return json is null ? ApiProblems.NotFound($"流程“{id}”没有版本 {version}。") : TypedResults.Text(json, "application/json", Encoding.UTF8);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDraft(string id, int draftId, LeadRunnerDb db)
    {
        var json = await DraftJsonAsync(db, id, draftId);
        return json is null ? ApiProblems.NotFound($"草稿 {draftId} 不存在或已发布。") : TypedResults.Text(json, "application/json", Encoding.UTF8);
    }

    private static Task<string?> DraftJsonAsync(LeadRunnerDb db, string id, int draftId) =>
        db.ArtifactVersions.Of(WorkflowKind.Kind, id).Where(v => v.Id == draftId && v.State == VersionState.Draft).Select(v => v.Content).FirstOrDefaultAsync();

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Diagram(string id, LeadRunnerDb db, DefinitionCache cache)
    {
        var version = await DefinitionCache.CurrentVersionAsync(db, id);
        var definition = version is null ? null : await cache.GetAsync(db, id, version.Value);
        return definition is null
            ? ApiProblems.NotFound($"流程“{id}”没有已发布的版本。")
            : TypedResults.Text(MermaidDiagram.Render(definition), "text/plain", Encoding.UTF8);
    }

    public static async Task<Results<Ok<IReadOnlyList<DefinitionDiff.Change>>, ProblemHttpResult>> Diff(string id, int from, int to, LeadRunnerDb db, DefinitionCache cache)
    {
        var before = await cache.GetAsync(db, id, from);
        var after = await cache.GetAsync(db, id, to);
        return before is null || after is null
            ? ApiProblems.NotFound($"流程“{id}”没有版本 {(before is null ? from : to)}。")
            : TypedResults.Ok(DefinitionDiff.Compare(before, after));
    }

    // The raw text is validated and stored as sent, so that every line and column refers to what the editor shows.
    public static async Task<Ok<Validation>> Validate(string id, HttpRequest request, DefinitionValidator validator, WorkflowKind kind)
    {
        var result = validator.Validate(await ReadBodyAsync(request), (await kind.KnownIdsAsync()).Append(id).ToHashSet());
        return TypedResults.Ok(new Validation(result.Valid, result.Errors, result.Definition is null ? null : MermaidDiagram.Render(result.Definition)));
    }

    public static async Task<Results<Created<DraftSaved>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> CreateDraft(string id, HttpRequest request, ArtifactStore store, HttpContext http)
    {
        var outcome = await store.SaveDraftAsync(WorkflowKind.Kind, id, await ReadBodyAsync(request), http.User.Identity!.Name!, null);
        return outcome is VersionOutcome.Saved saved ? Created(id, saved) : Refuse<Created<DraftSaved>>(outcome);
    }

    public static async Task<Results<Ok<DraftSaved>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> UpdateDraft(string id, int draftId, HttpRequest request, ArtifactStore store, HttpContext http)
    {
        var outcome = await store.SaveDraftAsync(WorkflowKind.Kind, id, await ReadBodyAsync(request), http.User.Identity!.Name!, null, draftId);
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(new DraftSaved(saved.Version.Id, id, saved.Version.Title)) : Refuse<Ok<DraftSaved>>(outcome);
    }

    private static Created<DraftSaved> Created(string id, VersionOutcome.Saved saved) =>
        TypedResults.Created($"/api/workflows/{id}/drafts/{saved.Version.Id}", new DraftSaved(saved.Version.Id, id, saved.Version.Title));

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public static async Task<Results<Ok<IReadOnlyList<WorkflowKind.StepImpact>>, ProblemHttpResult>> Preview(string id, int draftId, [FromBody] PublishRequest? request, LeadRunnerDb db, WorkflowKind kind)
    {
        var json = await DraftJsonAsync(db, id, draftId);
        return json is null
            ? ApiProblems.NotFound($"草稿 {draftId} 不存在或已发布。")
            : TypedResults.Ok(await kind.PreviewAsync(id, DefinitionJson.Read(json), request?.StepMapping));
    }

    public static async Task<Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Publish(string id, int draftId, [FromBody] PublishRequest? request, ArtifactStore store, HttpContext http) =>
        Saved(await store.PublishDraftAsync(WorkflowKind.Kind, id, draftId, http.User.Identity!.Name!, request?.Note,
            new PublishOptions(request?.Migrate ?? false, request?.StepMapping)));

    public static async Task<Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Retract(string id, int version, [FromBody] NoteRequest? request, ArtifactStore store, HttpContext http) =>
        Saved(await store.RetractAsync(WorkflowKind.Kind, id, version, http.User.Identity!.Name!, request?.Note));

    public static async Task<Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Rollback(string id, int version, [FromBody] NoteRequest? request, ArtifactStore store, HttpContext http) =>
        Saved(await store.RollbackAsync(WorkflowKind.Kind, id, version, http.User.Identity!.Name!, request?.Note));

    private static Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult> Saved(VersionOutcome outcome) =>
        outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : Refuse<Ok<VersionDto>>(outcome);

    /// <summary>Imports a definition file (multipart field "file", or the JSON as the body) as a new draft.</summary>
    public static async Task<Results<Created<DraftSaved>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Import(HttpRequest request, ArtifactStore store, HttpContext http)
    {
        string json;
        if (request.HasFormContentType && (await request.ReadFormAsync()).Files.GetFile("file") is { } file)
        {
            if (file.Length > 1_000_000)
            {
                return new InvalidArtifact("导入失败", [ValidationError.At("file", "定义文件不能超过 1 MB。")]);
            }
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            json = await reader.ReadToEndAsync();
        }
        else
        {
            json = await ReadBodyAsync(request);
        }
        var id = WorkflowKind.IdOf(json);
        if (string.IsNullOrWhiteSpace(id))
        {
            return new InvalidArtifact("导入失败", [new ValidationError("$.id", 1, 1, "文件不是有效的流程定义：缺少 id")]);
        }
        var outcome = await store.SaveDraftAsync(WorkflowKind.Kind, id, json, http.User.Identity!.Name!, null);
        // The refusals are those of a saved draft; only their wrapping differs, as Import can also refuse the file itself.
        return outcome is VersionOutcome.Saved saved ? Created(id, saved) : Refuse<Created<DraftSaved>>(outcome).Result switch
        {
            InvalidArtifact invalid => invalid,
            ArtifactConflict blocked => blocked,
            var problem => (ProblemHttpResult)problem,
        };
    }

    /// <summary>A refused change as every versioned kind's (<see cref="VersionsApi.Refuse"/>), but a blocked publish also lists the stranded steps.</summary>
    private static Results<TSuccess, InvalidArtifact, ArtifactConflict, ProblemHttpResult> Refuse<TSuccess>(VersionOutcome outcome) where TSuccess : IResult =>
        outcome is VersionOutcome.Conflict { Detail: IReadOnlyList<WorkflowKind.StepImpact> steps } blocked
            ? new ArtifactConflict(PublishBlocked.Of(blocked.Message, steps))
            : VersionsApi.Refuse<TSuccess>(outcome, "定义有误，未保存");
}
