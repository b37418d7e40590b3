using System.Text;
using System.Text.Json.Nodes;
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
    public sealed record ErrorList(string Title, IReadOnlyList<ValidationError> Errors);
    public sealed record PublishRequest(string? Note, bool Migrate = false, Dictionary<string, string>? StepMapping = null);
    public sealed record NoteRequest(string? Note);
    public sealed record DraftSaved(int DraftId, string DefinitionId, string Title);
    public sealed record Validation(bool Valid, IReadOnlyList<ValidationError> Errors, string? Diagram);

    public static void MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("流程定义").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", List);
        group.MapGet("/schema", (WorkflowSchema schema) => Results.Text(schema.Text, "application/schema+json"));
        group.MapGet("/{id}/versions/{version:int}", GetVersion);
        group.MapGet("/{id}/drafts/{draftId:int}", GetDraft);
        group.MapGet("/{id}/versions/{version:int}/export", (string id, int version, ArtifactStore store) => VersionsApi.ExportAsync(store, WorkflowKind.Kind, id, version));
        group.MapGet("/{id}/diagram", Diagram);
        group.MapGet("/{id}/diff", Diff);
        group.MapPost("/{id}/validate", Validate).Accepts<JsonNode>("application/json");
        group.MapPost("/{id}/drafts", CreateDraft).Accepts<JsonNode>("application/json");
        group.MapPut("/{id}/drafts/{draftId:int}", UpdateDraft).Accepts<JsonNode>("application/json");
        group.MapPost("/{id}/drafts/{draftId:int}/preview", Preview);
        group.MapPost("/{id}/drafts/{draftId:int}/publish", Publish);
        group.MapPost("/{id}/versions/{version:int}/retract", Retract);
        group.MapPost("/{id}/versions/{version:int}/rollback", Rollback);
        group.MapPost("/import", Import).DisableAntiforgery();
    }

    public static async Task<Ok<DefinitionDto[]>> List(LeadRunnerDb db)
    {
        var versions = await db.ArtifactVersions.AsNoTracking().Of(WorkflowKind.Kind).OrderBy(v => v.Key).ThenByDescending(v => v.Version).ThenByDescending(v => v.Id).ToListAsync();
        return TypedResults.Ok(versions.GroupBy(v => v.Key).Select(g => new DefinitionDto(g.Key,
            g.Where(v => v.State == VersionState.Published).Select(v => v.Title).FirstOrDefault() ?? g.First().Title,
            g.Where(v => v.State == VersionState.Published).Max(v => v.Version),
            g.Select(ToDto).ToList())).ToArray());
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

    public static async Task<IResult> CreateDraft(string id, HttpRequest request, ArtifactStore store, HttpContext http) =>
        await SaveDraft(id, null, await ReadBodyAsync(request), store, http);

    public static async Task<IResult> UpdateDraft(string id, int draftId, HttpRequest request, ArtifactStore store, HttpContext http) =>
        await SaveDraft(id, draftId, await ReadBodyAsync(request), store, http);

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task<IResult> SaveDraft(string id, int? draftId, string json, ArtifactStore store, HttpContext http)
    {
        var outcome = await store.SaveDraftAsync(WorkflowKind.Kind, id, json, http.User.Identity!.Name!, null, draftId);
        return outcome switch
        {
            VersionOutcome.Saved saved when draftId is null => TypedResults.Created($"/api/workflows/{id}/drafts/{saved.Version.Id}", new DraftSaved(saved.Version.Id, id, saved.Version.Title)),
            VersionOutcome.Saved saved => TypedResults.Ok(new DraftSaved(saved.Version.Id, id, saved.Version.Title)),
            _ => ToProblem(outcome),
        };
    }

    public static async Task<IResult> Preview(string id, int draftId, [FromBody] PublishRequest? request, LeadRunnerDb db, WorkflowKind kind)
    {
        var json = await DraftJsonAsync(db, id, draftId);
        return json is null
            ? ApiProblems.NotFound($"草稿 {draftId} 不存在或已发布。")
            : TypedResults.Ok(await kind.PreviewAsync(id, DefinitionJson.Read(json), request?.StepMapping));
    }

    public static async Task<IResult> Publish(string id, int draftId, [FromBody] PublishRequest? request, ArtifactStore store, HttpContext http)
    {
        var outcome = await store.PublishDraftAsync(WorkflowKind.Kind, id, draftId, http.User.Identity!.Name!, request?.Note,
            new PublishOptions(request?.Migrate ?? false, request?.StepMapping));
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    public static async Task<IResult> Retract(string id, int version, [FromBody] NoteRequest? request, ArtifactStore store, HttpContext http)
    {
        var outcome = await store.RetractAsync(WorkflowKind.Kind, id, version, http.User.Identity!.Name!, request?.Note);
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    public static async Task<IResult> Rollback(string id, int version, [FromBody] NoteRequest? request, ArtifactStore store, HttpContext http)
    {
        var outcome = await store.RollbackAsync(WorkflowKind.Kind, id, version, http.User.Identity!.Name!, request?.Note);
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    /// <summary>Imports a definition file (multipart field "file", or the JSON as the body) as a new draft.</summary>
    public static async Task<IResult> Import(HttpRequest request, ArtifactStore store, HttpContext http)
    {
        string json;
        if (request.HasFormContentType && (await request.ReadFormAsync()).Files.GetFile("file") is { } file)
        {
            if (file.Length > 1_000_000)
            {
                return ApiProblems.Invalid("file", "定义文件不能超过 1 MB。");
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
            return TypedResults.BadRequest(new ErrorList("导入失败", [new ValidationError("$.id", 1, 1, "文件不是有效的流程定义：缺少 id")]));
        }
        return await SaveDraft(id, null, json, store, http);
    }

    private static IResult ToProblem(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Invalid invalid => TypedResults.BadRequest(new ErrorList("定义有误，未保存", invalid.Errors)),
        VersionOutcome.Conflict { Detail: IReadOnlyList<WorkflowKind.StepImpact> steps } blocked => TypedResults.Conflict(new { title = "发布被阻止", detail = blocked.Message, steps }),
        _ => VersionsApi.Problem(outcome),
    };
}
