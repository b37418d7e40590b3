using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
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
    public sealed record PreviewRequest(string? Text, bool? Blank);
    public sealed record PreviewResponse(string Page);
    public sealed record SaveRequest(string? Text, string? Note, int? BaseVersion);
    public sealed record RollbackRequest(string? Note);
    public sealed record ErrorList(string Title, IReadOnlyList<ValidationError> Errors);

    public static void MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("文书模板");
        group.MapGet("/", List).RequireAuthorization(Policies.Staff);
        group.MapGet("/{key}", Get).RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/{key}/versions", Versions).RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/{key}/versions/{version:int}", VersionText).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{key}/preview", Preview).RequireAuthorization(Policies.SysAdmin);
        group.MapPut("/{key}", Save).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{key}/versions/{version:int}/rollback", Rollback).RequireAuthorization(Policies.SysAdmin);
    }

    public static async Task<IReadOnlyList<TemplateDto>> List(LeadRunnerDb db, CancellationToken ct) =>
        [.. (await db.DocumentTemplates.AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.Annex ?? (t.Key == "notice" ? 0 : 100)).ThenBy(t => t.Key, StringComparer.Ordinal).Select(ToDto)];

    public static async Task<IResult> Get(string key, LeadRunnerDb db, CancellationToken ct) =>
        await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is { } t
            ? TypedResults.Ok(new TemplateDetail(ToDto(t), t.Text))
            : ApiProblems.NotFound($"文书模板“{key}”不存在。");

    public static async Task<IResult> Versions(string key, LeadRunnerDb db, CancellationToken ct)
    {
        if (await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return ApiProblems.NotFound($"文书模板“{key}”不存在。");
        }
        var versions = await db.ArtifactVersions.AsNoTracking().Of(TemplateKind.Kind, key).Numbered()
            .OrderByDescending(v => v.Version).Select(v => new { v.Version, v.PublishedAt, v.PublishedBy, v.Note }).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionDto(v.Version!.Value, v.PublishedAt!.Value, v.PublishedBy!, v.Note, v.Version == template.Version)).ToList());
    }

    public static async Task<IResult> VersionText(string key, int version, LeadRunnerDb db, CancellationToken ct) =>
        await db.ArtifactVersions.AsNoTracking().Of(TemplateKind.Kind, key).FirstOrDefaultAsync(v => v.Version == version, ct) is { } v
            ? TypedResults.Ok(new { v.Version, Text = v.Content })
            : ApiProblems.NotFound($"文书模板“{key}”没有第 {version} 版。");

    /// <summary>Renders unsaved text with the template's sample data; nothing is stored.</summary>
    public static async Task<IResult> Preview(string key, PreviewRequest request, LeadRunnerDb db, DocumentRenderer renderer, TemplateSamples samples, CancellationToken ct)
    {
        if (await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return ApiProblems.NotFound($"文书模板“{key}”不存在。");
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > TemplateKind.MaxLength)
        {
            return TypedResults.BadRequest(new ErrorList("模板有误，无法预览", [new ValidationError("text", 1, 1, "请提供不超过 200000 个字符的模板内容。")]));
        }
        var blank = request.Blank == true;
        var outcome = renderer.RenderText(request.Text, blank ? samples.Blank() : samples.Filled(key), blank);
        return outcome.Ok
            ? TypedResults.Ok(new PreviewResponse(DocumentRenderer.Page(template.Title, outcome.Html!)))
            : TypedResults.BadRequest(new ErrorList("模板有误，无法预览", [.. outcome.Errors.Select(e => new ValidationError("text", e.Line, e.Column, e.Message))]));
    }

    public static async Task<IResult> Save(string key, SaveRequest request, LeadRunnerDb db, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        await db.DocumentTemplates.AnyAsync(t => t.Key == key, ct)
            ? await Result(db, await store.PublishAsync(TemplateKind.Kind, key, request.Text ?? "", http.User.Identity!.Name!, request.Note,
                new PublishOptions(ExpectedCurrent: request.BaseVersion), ct: ct), "模板有误，未保存，当前版本继续使用", ct)
            : ApiProblems.NotFound($"文书模板“{key}”不存在。");

    public static async Task<IResult> Rollback(string key, int version, RollbackRequest? request, LeadRunnerDb db, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        await Result(db, await store.RollbackAsync(TemplateKind.Kind, key, version, http.User.Identity!.Name!, request?.Note, ct), "该版本在当前设置下无法渲染，未回滚", ct);

    private static async Task<IResult> Result(LeadRunnerDb db, VersionOutcome outcome, string invalidTitle, CancellationToken ct) => outcome switch
    {
        VersionOutcome.Saved saved => TypedResults.Ok(ToDto((await db.DocumentTemplates.FindAsync([saved.Version.Key], ct))!)),
        VersionOutcome.Invalid invalid => TypedResults.BadRequest(new ErrorList(invalidTitle, invalid.Errors)),
        _ => VersionsApi.Problem(outcome),
    };

    public static TemplateDto ToDto(DocumentTemplate t) =>
        new(t.Key, t.Title, t.Annex, t.Version, t.HasBlank, t.Binds.Split(',', StringSplitOptions.RemoveEmptyEntries), t.UpdatedAt, t.UpdatedBy);
}
