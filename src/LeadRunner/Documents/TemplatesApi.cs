using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents;

/// <summary>
/// The templates for staff (which exist, which version is live) and their editing for administrators: preview on
/// sample data, save as a new version, history and rollback. Errors carry the line and column of the template text.
/// </summary>
public static class TemplatesApi
{
    public sealed record TemplateDto(string Key, string Title, int? Annex, int Version, bool HasBlank, IReadOnlyList<string> Binds, DateTimeOffset UpdatedAt, string UpdatedBy);
    public sealed record TemplateDetail(TemplateDto Template, string Text);
    public sealed record VersionDto(int Version, DateTimeOffset At, string By, string? Note, bool Live);
    public sealed record VersionTextDto(int Version, string Text);
    public sealed record PreviewRequest(string? Text, bool? Blank);
    public sealed record PreviewResponse(string Page);
    public sealed record SaveRequest(string? Text, string? Note, int? BaseVersion);
    public sealed record RollbackRequest(string? Note);

    public static void MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("文书模板");
        group.MapGet("/", List).RequireAuthorization(Policies.Staff)
            .WithName("ListTemplates").WithSummary("文书模板列表")
            .WithDescription("列出全部文书模板及其当前版本、附件编号和是否有空白版，按附件编号排序；工作人员可调用。");
        group.MapGet("/{key}", Get).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetTemplate").WithSummary("查看文书模板原文")
            .WithDescription("返回文书模板的当前版本及其原文；仅系统管理员可调用。模板不存在为 404。");
        group.MapGet("/{key}/versions", Versions).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListTemplateVersions").WithSummary("文书模板的版本历史")
            .WithDescription("列出文书模板的全部版本（最新的在前），标出当前使用的版本；仅系统管理员可调用。模板不存在为 404。");
        group.MapGet("/{key}/versions/{version:int}", VersionText).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetTemplateVersion").WithSummary("查看文书模板某一版本")
            .WithDescription("返回文书模板某一历史版本的原文；仅系统管理员可调用。模板或该版本不存在为 404。");
        group.MapPost("/{key}/preview", Preview).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("PreviewTemplate").WithSummary("预览未保存的文书模板")
            .WithDescription("用示例数据（blank 为 true 时为空白版）渲染未保存的模板原文，不保存任何内容；仅系统管理员可调用。模板有误为 400，列出出错的行和列；模板不存在为 404。");
        group.MapPut("/{key}", Save).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("SaveTemplate").WithSummary("保存文书模板新版本")
            .WithDescription("把模板原文保存为新版本并立即使用；仅系统管理员可调用。模板有误为 400（列出行和列，当前版本继续使用），模板不存在为 404，baseVersion 不是当前版本（他人已先保存）为 409。");
        group.MapPost("/{key}/versions/{version:int}/rollback", Rollback).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RollbackTemplate").WithSummary("回滚文书模板到某一版本")
            .WithDescription("以某一历史版本的原文生成新版本并立即使用；仅系统管理员可调用。该版本在当前设置下无法渲染为 400，模板或版本不存在为 404，与当前状态冲突为 409。");
    }

    /// <summary>The templates in the order the notice lists them; the endpoint and the template list page both show this.</summary>
    public static async Task<IReadOnlyList<TemplateDto>> ListAsync(LeadRunnerDb db, CancellationToken ct) =>
        [.. (await db.DocumentTemplates.AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.Annex ?? (t.Key == "notice" ? 0 : 100)).ThenBy(t => t.Key, StringComparer.Ordinal).Select(ToDto)];

    private static async Task<Ok<IReadOnlyList<TemplateDto>>> List(LeadRunnerDb db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, ct));

    private static async Task<Results<Ok<TemplateDetail>, ProblemHttpResult>> Get(string key, LeadRunnerDb db, CancellationToken ct) =>
        await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is { } t
            ? TypedResults.Ok(new TemplateDetail(ToDto(t), t.Text))
            : Unknown(key);

    private static async Task<Results<Ok<List<VersionDto>>, ProblemHttpResult>> Versions(string key, LeadRunnerDb db, CancellationToken ct)
    {
        if (await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return Unknown(key);
        }
        var versions = await db.ArtifactVersions.AsNoTracking().Of(TemplateKind.Kind, key).Numbered()
            .OrderByDescending(v => v.Version).Select(v => new { v.Version, v.PublishedAt, v.PublishedBy, v.Note }).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionDto(v.Version!.Value, v.PublishedAt!.Value, v.PublishedBy!, v.Note, v.Version == template.Version)).ToList());
    }

    private static async Task<Results<Ok<VersionTextDto>, ProblemHttpResult>> VersionText(string key, int version, LeadRunnerDb db, CancellationToken ct) =>
        await db.ArtifactVersions.AsNoTracking().Of(TemplateKind.Kind, key).FirstOrDefaultAsync(v => v.Version == version, ct) is { } v
            ? TypedResults.Ok(new VersionTextDto(version, v.Content))
            : ApiProblems.NotFound($"文书模板“{key}”没有第 {version} 版。");

    /// <summary>Renders unsaved text with the template's sample data; nothing is stored.</summary>
    private static async Task<Results<Ok<PreviewResponse>, InvalidArtifact, ProblemHttpResult>> Preview(
        string key, PreviewRequest request, LeadRunnerDb db, DocumentRenderer renderer, TemplateSamples samples, CancellationToken ct)
    {
        if (await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return Unknown(key);
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > TemplateKind.MaxLength)
        {
            return new InvalidArtifact("模板有误，无法预览", [new ValidationError("text", 1, 1, "请提供不超过 200000 个字符的模板内容。")]);
        }
        var blank = request.Blank == true;
        var outcome = renderer.RenderText(request.Text, blank ? samples.Blank() : samples.Filled(key), blank);
        return outcome.Ok
            ? TypedResults.Ok(new PreviewResponse(DocumentRenderer.Page(template.Title, outcome.Html!)))
            : new InvalidArtifact("模板有误，无法预览", [.. outcome.Errors.Select(e => new ValidationError("text", e.Line, e.Column, e.Message))]);
    }

    private static async Task<Results<Ok<TemplateDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Save(
        string key, SaveRequest request, LeadRunnerDb db, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        await db.DocumentTemplates.AnyAsync(t => t.Key == key, ct)
            ? await Result(db, await store.PublishAsync(TemplateKind.Kind, key, request.Text ?? "", http.User.Identity!.Name!, request.Note,
                new PublishOptions(ExpectedCurrent: request.BaseVersion), ct: ct), "模板有误，未保存，当前版本继续使用", ct)
            : Unknown(key);

    private static async Task<Results<Ok<TemplateDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Rollback(
        string key, int version, RollbackRequest? request, LeadRunnerDb db, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        await Result(db, await store.RollbackAsync(TemplateKind.Kind, key, version, http.User.Identity!.Name!, request?.Note, ct), "该版本在当前设置下无法渲染，未回滚", ct);

    /// <summary>The saved template, or the refusal every versioned kind answers (<see cref="VersionsApi.Refuse"/>).</summary>
    private static async Task<Results<Ok<TemplateDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Result(
        LeadRunnerDb db, VersionOutcome outcome, string invalidTitle, CancellationToken ct) =>
        outcome is VersionOutcome.Saved saved
            ? TypedResults.Ok(ToDto((await db.DocumentTemplates.FindAsync([saved.Version.Key], ct))!))
            : VersionsApi.Refuse<Ok<TemplateDto>>(outcome, invalidTitle);

    private static ProblemHttpResult Unknown(string key) => ApiProblems.NotFound($"文书模板“{key}”不存在。");

    public static TemplateDto ToDto(DocumentTemplate t) =>
        new(t.Key, t.Title, t.Annex, t.Version, t.HasBlank, t.Binds.Split(',', StringSplitOptions.RemoveEmptyEntries), t.UpdatedAt, t.UpdatedBy);
}
