using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Versioning;

/// <summary>
/// The history of any versioned artifact in one shape, whatever its kind (workflow, form, template, settings, rule):
/// its versions, any version's content and file, the changes between two versions, rollback and retraction.
/// </summary>
public static class VersionsApi
{
    public sealed record VersionDto(int Id, int? Version, string State, string Title, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? PublishedAt, string? PublishedBy, string? Note, int? BasedOnVersion, bool Current);
    public sealed record NoteRequest(string? Note);

    public static void MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/versions/{kind}/{key}").WithTags("版本").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", History)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListArtifactVersions").WithSummary("版本历史")
            .WithDescription("列出一项可版本化内容（kind 为 workflow、form、template、settings 或 rule）的全部版本，草稿在前、新版本在前，并标出当前版本。仅系统管理员可用；类别或内容不存在返回 404。");
        group.MapGet("/{version:int}", Content)
            // One schema per status: JSON, as for every kind but templates (plain text, said in the description).
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetArtifactVersion").WithSummary("查看某一版本的内容")
            .WithDescription("按保存时的原文返回某一版本的内容：文书模板为纯文本（text/plain），其余为 JSON。仅系统管理员可用；类别、内容或版本不存在返回 404。");
        group.MapGet("/{version:int}/export", (string kind, string key, int version, ArtifactStore store) => ExportAsync(store, kind, key, version))
            .Produces<Stream>(StatusCodes.Status200OK, "application/json", "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportArtifactVersion").WithSummary("下载某一版本的文件")
            .WithDescription("以文件形式下载某一版本，可在其他环境导入。仅系统管理员可用；类别、内容或版本不存在返回 404。");
        group.MapGet("/diff", Diff)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("CompareArtifactVersions").WithSummary("比较两个版本")
            .WithDescription("列出从第 from 版到第 to 版的逐项改动（新增、删除、修改及前后内容）。仅系统管理员可用；任一版本不存在返回 404。");
        group.MapPost("/{version:int}/rollback", Rollback)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RollbackArtifactVersion").WithSummary("回滚到某一版本")
            .WithDescription("以某一旧版本的内容发布一个新版本，可附说明。仅系统管理员可用；说明过长或旧内容在当前设置下无效返回 400，版本不存在返回 404，已是当前版本或刚被他人修改返回 409。");
        group.MapPost("/{version:int}/retract", Retract)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RetractArtifactVersion").WithSummary("撤回某一版本")
            .WithDescription("撤回一个已发布的版本：此后不再以它发起新的办理，已在其上运行的继续运行；可附说明。仅系统管理员可用；说明过长返回 400，版本不存在或未发布返回 404。");
    }

    private static ArtifactKind? Administered(ArtifactStore store, string kind) => store.Find(kind) is { SystemAdministered: true } type ? type : null;

    public static string StateName(VersionState state) => state switch
    {
        VersionState.Draft => "draft", VersionState.Published => "published", _ => "retracted",
    };

    private static async Task<Results<Ok<List<VersionDto>>, ProblemHttpResult>> History(string kind, string key, ArtifactStore store, LeadRunnerDb db, CancellationToken ct)
    {
        if (Administered(store, kind) is not { } type)
        {
            return UnknownKind(kind);
        }
        var versions = await db.ArtifactVersions.AsNoTracking().Of(kind, key).OrderByDescending(v => v.Version == null).ThenByDescending(v => v.Version).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return ApiProblems.NotFound($"{type.Noun}“{key}”不存在。");
        }
        var current = versions.Where(v => v.State == VersionState.Published).Max(v => v.Version);
        return TypedResults.Ok(versions.Select(v => new VersionDto(v.Id, v.Version, StateName(v.State), v.Title, v.CreatedAt, v.CreatedBy,
            v.PublishedAt, v.PublishedBy, v.Note, v.BasedOnVersion, v.Version == current)).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Content(string kind, string key, int version, ArtifactStore store, CancellationToken ct) =>
        Administered(store, kind) is not { } type ? UnknownKind(kind)
        : await store.VersionAsync(kind, key, version, ct) is { } found ? TypedResults.Text(found.Content, type.MediaType, Encoding.UTF8)
        : ApiProblems.NotFound($"{type.Noun}“{key}”没有第 {version} 版。");

    /// <summary>A version as the file an administrator keeps or imports elsewhere.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(ArtifactStore store, string kind, string key, int version)
    {
        if (Administered(store, kind) is not { } type)
        {
            return UnknownKind(kind);
        }
        return await store.VersionAsync(kind, key, version) is { } found
            ? TypedResults.File(Encoding.UTF8.GetBytes(found.Content.EndsWith('\n') ? found.Content : found.Content + "\n"), type.MediaType, type.FileName(key, version))
            : ApiProblems.NotFound($"{type.Noun}“{key}”没有第 {version} 版。");
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionChange>>, ProblemHttpResult>> Diff(string kind, string key, int from, int to, ArtifactStore store, CancellationToken ct) =>
        Administered(store, kind) is not { } type ? UnknownKind(kind)
        : await store.CompareAsync(kind, key, from, to, ct) is { } changes ? TypedResults.Ok(changes)
        : ApiProblems.NotFound($"{type.Noun}“{key}”没有第 {from} 版或第 {to} 版。");

    private static async Task<Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Rollback(string kind, string key, int version, NoteRequest? request, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        Administered(store, kind) is null ? UnknownKind(kind) : Result(await store.RollbackAsync(kind, key, version, http.User.Identity!.Name!, request?.Note, ct));

    private static async Task<Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Retract(string kind, string key, int version, NoteRequest? request, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        Administered(store, kind) is null ? UnknownKind(kind) : Result(await store.RetractAsync(kind, key, version, http.User.Identity!.Name!, request?.Note, ct));

    private static Results<Ok<VersionDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult> Result(VersionOutcome outcome) => outcome is VersionOutcome.Saved saved
        ? TypedResults.Ok(new VersionDto(saved.Version.Id, saved.Version.Version, StateName(saved.Version.State), saved.Version.Title, saved.Version.CreatedAt,
            saved.Version.CreatedBy, saved.Version.PublishedAt, saved.Version.PublishedBy, saved.Version.Note, saved.Version.BasedOnVersion, saved.Version.State == VersionState.Published))
        : Refuse<Ok<VersionDto>>(outcome);

    private static ProblemHttpResult UnknownKind(string kind) => ApiProblems.NotFound($"没有“{kind}”这类可版本化的内容，可选：workflow、form、template、settings、rule。");

    /// <summary>
    /// The one answer to a refused change of any versioned kind, typed beside the handler's own success so that the
    /// description carries both: 400 and 409 as an <see cref="ArtifactProblem"/> (every problem with its place), 404 as a problem.
    /// </summary>
    public static Results<TSuccess, InvalidArtifact, ArtifactConflict, ProblemHttpResult> Refuse<TSuccess>(VersionOutcome outcome, string invalidTitle = "内容有误，未保存")
        where TSuccess : IResult => outcome switch
    {
        VersionOutcome.Invalid invalid => new InvalidArtifact(invalidTitle, invalid.Errors),
        VersionOutcome.NotFound missing => ApiProblems.NotFound(missing.Message),
        VersionOutcome.Conflict conflict => new ArtifactConflict(ArtifactProblem.Conflict(conflict.Message, conflict.Errors)),
        _ => throw new InvalidOperationException("A saved outcome is not a refusal."),
    };

    /// <summary>A short account of a refusal, for lists of results (a round import).</summary>
    public static string Describe(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Invalid i => string.Join("；", i.Errors.Take(5).Select(e => e.ToString())),
        VersionOutcome.NotFound n => n.Message,
        VersionOutcome.Conflict c => c.Errors.Count > 0 ? $"{c.Message}：{string.Join("；", c.Errors.Take(5).Select(e => e.Message))}" : c.Message,
        _ => "已保存。",
    };
}
