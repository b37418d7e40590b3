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

namespace LeadRunner.Programmes;

public static class ProgrammesApi
{
    public sealed record ProgrammeDto(int Year, string Title, int Version);

    /// <summary>A saved year, and how many of its running cases had their deadlines moved by the save.</summary>
    public sealed record SavedDto(int Year, string Title, int Version, int Replanned);
    public sealed record VersionDto(int Version, DateTimeOffset CreatedAt, string CreatedBy, string? Note);
    public sealed record ExtensionRequest(string? Stage, string? UnitCode, int? EnterpriseId, DateOnly? Until, string? Reason);
    public sealed record ExtensionDto(long Id, string Stage, string? UnitCode, int? EnterpriseId, DateOnly Until, string Reason, string GrantedBy, DateTimeOffset GrantedAt);

    public static void MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programmes").WithTags("年度批次");
        group.MapGet("/", List).AllowAnonymous()
            .WithName("ListProgrammes").WithSummary("年度设置列表")
            .WithDescription("按年度从新到旧列出各年度的设置（标题与当前版本号）；可匿名访问。");
        group.MapGet("/{year:int}", Get).AllowAnonymous()
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetProgrammeSettings").WithSummary("年度设置")
            .WithDescription("该年度的完整设置（期限、名单、认定门槛、支持政策等，JSON），已升级到当前格式；可匿名访问，年度不存在返回 404。");
        group.MapGet("/{year:int}/versions", Versions).RequireAuthorization(Policies.SysAdmin)
            .WithName("ListProgrammeVersions").WithSummary("年度设置历史版本")
            .WithDescription("系统管理员查看该年度设置已发布的各版本（新的在前），含发布人、时间和说明。");
        group.MapGet("/{year:int}/versions/{version:int}", GetVersion).RequireAuthorization(Policies.SysAdmin)
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetProgrammeVersion").WithSummary("年度设置某一版本")
            .WithDescription("系统管理员查看该年度设置某一版本的原文（JSON，按保存时的格式）；版本不存在返回 404。");
        group.MapGet("/compare", Compare).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("CompareProgrammes").WithSummary("比较两个年度的设置")
            .WithDescription("系统管理员逐项比较年度 a 与年度 b 的设置，列出新增、删除和修改的项；任一年度不存在返回 404。");
        group.MapPut("/{year:int}", Save).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("SaveProgrammeSettings").WithSummary("保存年度设置")
            .WithDescription("系统管理员保存该年度设置为新版本（可附 note 说明），在办案件的期限随之重算；设置有误返回 400（逐项列出），年度不存在返回 404，与他人修改冲突返回 409。");
        group.MapPost("/{year:int}/copy-to/{newYear:int}", Copy).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("CopyProgramme").WithSummary("复制年度设置到新年度")
            .WithDescription("系统管理员把该年度设置复制为新年度（日期顺延），新年度批次处于筹备中；源年度不存在返回 404，新年度已存在返回 409。");
        group.MapGet("/{year:int}/extensions", Extensions).RequireAuthorization(Policies.SysAdmin)
            .WithName("ListDeadlineExtensions").WithSummary("期限延长记录")
            .WithDescription("系统管理员查看该年度已批准的期限延长（按环节、报送单位或企业），新的在前。");
        group.MapPost("/{year:int}/extensions", GrantExtension).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GrantDeadlineExtension").WithSummary("批准期限延长")
            .WithDescription("系统管理员为某一环节延长报送期限，可限于一个报送单位或一家企业，须说明理由；内容有误返回 400，年度不存在返回 404。");
    }

    public static async Task<Ok<List<ProgrammeDto>>> List(LeadRunnerDb db) =>
        TypedResults.Ok(await db.Programmes.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new ProgrammeDto(p.Year, p.Title, p.CurrentVersion)).ToListAsync());

    // The settings are written as stored JSON text, not re-serialized: their key order and Chinese text stay as saved.
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(int year, LeadRunnerDb db) =>
        await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year) is { } p
            ? TypedResults.Text(ProgrammeUpgrade.Read(p.SettingsJson).ToJsonString(DefinitionJson.Options), "application/json", Encoding.UTF8)
            : ApiProblems.NotFound($"{year} 年度批次不存在。");

    public static async Task<Ok<List<VersionDto>>> Versions(int year, LeadRunnerDb db) =>
        TypedResults.Ok(await db.ArtifactVersions.AsNoTracking().Of(SettingsKind.Kind, SettingsKind.KeyOf(year)).Numbered().OrderByDescending(v => v.Version)
            .Select(v => new VersionDto(v.Version!.Value, v.PublishedAt!.Value, v.PublishedBy!, v.Note)).ToListAsync());

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersion(int year, int version, LeadRunnerDb db) =>
        await db.ArtifactVersions.AsNoTracking().Of(SettingsKind.Kind, SettingsKind.KeyOf(year)).FirstOrDefaultAsync(v => v.Version == version) is { } v
            ? TypedResults.Text(v.Content, "application/json", Encoding.UTF8)
            : ApiProblems.NotFound($"{year} 年度批次没有第 {version} 版。");

    public static async Task<Ok<List<ExtensionDto>>> Extensions(int year, LeadRunnerDb db) =>
        TypedResults.Ok(await db.DeadlineExtensions.AsNoTracking().Where(e => e.Year == year).OrderByDescending(e => e.Id)
            .Select(e => new ExtensionDto(e.Id, e.Stage, e.UnitCode, e.EnterpriseId, e.Until, e.Reason, e.GrantedBy, e.GrantedAt)).ToListAsync());

    public static async Task<Results<Ok<SavedDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Save(int year, [FromBody] JsonNode body,
        ProgrammeStore store, HttpContext http, string? note) =>
        await store.SaveAsync(year, body.ToJsonString(), http.User.Identity!.Name!, note) switch
        {
            VersionOutcome.Saved saved => TypedResults.Ok(new SavedDto(int.Parse(saved.Version.Key, System.Globalization.CultureInfo.InvariantCulture), saved.Version.Title,
                saved.Version.Version!.Value, saved.Effects.Replanned)),
            var refused => VersionsApi.Refuse<Ok<SavedDto>>(refused, "设置有误，未保存"),
        };

    public static async Task<Results<Created<ProgrammeDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Copy(int year, int newYear,
        ProgrammeStore store, HttpContext http)
    {
        if (newYear is < 2020 or > 2100)
        {
            return new InvalidArtifact("新年度有误", [ValidationError.At("newYear", "新年度应在 2020～2100 之间。")]);
        }
        var outcome = await store.CopyAsync(year, newYear, http.User.Identity!.Name!);
        return outcome is VersionOutcome.Saved saved
            ? TypedResults.Created($"/api/programmes/{newYear}", new ProgrammeDto(newYear, saved.Version.Title, saved.Version.Version!.Value))
            : VersionsApi.Refuse<Created<ProgrammeDto>>(outcome, "设置有误，未保存");
    }

    public static async Task<Results<Ok<IReadOnlyList<VersionChange>>, ProblemHttpResult>> Compare(int a, int b, LeadRunnerDb db)
    {
        var first = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == a);
        var second = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == b);
        if (first is null || second is null)
        {
            return ApiProblems.NotFound($"{(first is null ? a : b)} 年度批次不存在。");
        }
        return TypedResults.Ok(JsonChanges.Compare(ProgrammeUpgrade.Read(first.SettingsJson), ProgrammeUpgrade.Read(second.SettingsJson)));
    }

    public static async Task<Results<Created<ExtensionDto>, ValidationProblem, ProblemHttpResult>> GrantExtension(int year, ExtensionRequest request, ExtensionGrants grants,
        HttpContext http)
    {
        var outcome = await grants.GrantAsync(year, request, http.User.Identity!.Name!);
        return outcome switch
        {
            ExtensionGrants.Outcome.Granted g => TypedResults.Created($"/api/programmes/{year}/extensions/{g.Extension.Id}",
                new ExtensionDto(g.Extension.Id, g.Extension.Stage, g.Extension.UnitCode, g.Extension.EnterpriseId, g.Extension.Until, g.Extension.Reason, g.Extension.GrantedBy, g.Extension.GrantedAt)),
            ExtensionGrants.Outcome.NoProgramme => ApiProblems.NotFound($"{year} 年度批次不存在。"),
            ExtensionGrants.Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => throw new InvalidOperationException(),
        };
    }
}
