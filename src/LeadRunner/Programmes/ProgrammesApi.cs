using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

public static class ProgrammesApi
{
    public sealed record ProgrammeDto(int Year, string Title, int Version);

    /// <summary>A saved year, and how many of its running cases had their deadlines moved by the save.</summary>
    public sealed record SavedDto(int Year, string Title, int Version, int Replanned);
    public sealed record VersionDto(int Version, DateTimeOffset CreatedAt, string CreatedBy, string? Note);
    public sealed record ErrorList(string Title, IReadOnlyList<ValidationError> Errors);
    public sealed record ExtensionRequest(string? Stage, string? UnitCode, int? EnterpriseId, DateOnly? Until, string? Reason);
    public sealed record ExtensionDto(long Id, string Stage, string? UnitCode, int? EnterpriseId, DateOnly Until, string Reason, string GrantedBy, DateTimeOffset GrantedAt);

    public static void MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programmes").WithTags("年度批次");
        group.MapGet("/", async (LeadRunnerDb db) => TypedResults.Ok(await db.Programmes.AsNoTracking().OrderByDescending(p => p.Year)
            .Select(p => new ProgrammeDto(p.Year, p.Title, p.CurrentVersion)).ToListAsync())).AllowAnonymous();
        group.MapGet("/{year:int}", async (int year, LeadRunnerDb db) => await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year) is { } p
            ? Results.Text(ProgrammeUpgrade.Read(p.SettingsJson).ToJsonString(DefinitionJson.Options), "application/json", Encoding.UTF8)
            : ApiProblems.NotFound($"{year} 年度批次不存在。")).AllowAnonymous();
        group.MapGet("/{year:int}/versions", async (int year, LeadRunnerDb db) => TypedResults.Ok(await db.ArtifactVersions.AsNoTracking()
            .Of(SettingsKind.Kind, SettingsKind.KeyOf(year)).Numbered().OrderByDescending(v => v.Version)
            .Select(v => new VersionDto(v.Version!.Value, v.PublishedAt!.Value, v.PublishedBy!, v.Note)).ToListAsync())).RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/{year:int}/versions/{version:int}", async (int year, int version, LeadRunnerDb db) =>
            await db.ArtifactVersions.AsNoTracking().Of(SettingsKind.Kind, SettingsKind.KeyOf(year)).FirstOrDefaultAsync(v => v.Version == version) is { } v
                ? Results.Text(v.Content, "application/json", Encoding.UTF8)
                : ApiProblems.NotFound($"{year} 年度批次没有第 {version} 版。")).RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/compare", Compare).RequireAuthorization(Policies.SysAdmin);
        group.MapPut("/{year:int}", Save).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{year:int}/copy-to/{newYear:int}", Copy).RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/{year:int}/extensions", async (int year, LeadRunnerDb db) => TypedResults.Ok(await db.DeadlineExtensions.AsNoTracking()
            .Where(e => e.Year == year).OrderByDescending(e => e.Id)
            .Select(e => new ExtensionDto(e.Id, e.Stage, e.UnitCode, e.EnterpriseId, e.Until, e.Reason, e.GrantedBy, e.GrantedAt)).ToListAsync())).RequireAuthorization(Policies.SysAdmin);
        group.MapPost("/{year:int}/extensions", GrantExtension).RequireAuthorization(Policies.SysAdmin);
    }

    public static async Task<IResult> Save(int year, [FromBody] JsonNode body, ProgrammeStore store, HttpContext http, string? note)
    {
        var outcome = await store.SaveAsync(year, body.ToJsonString(), http.User.Identity!.Name!, note);
        return ToResult(outcome);
    }

    public static async Task<IResult> Copy(int year, int newYear, ProgrammeStore store, HttpContext http)
    {
        if (newYear is < 2020 or > 2100)
        {
            return ApiProblems.Invalid("newYear", "新年度应在 2020～2100 之间。");
        }
        var outcome = await store.CopyAsync(year, newYear, http.User.Identity!.Name!);
        return outcome is VersionOutcome.Saved saved
            ? TypedResults.Created($"/api/programmes/{newYear}", new ProgrammeDto(newYear, saved.Version.Title, saved.Version.Version!.Value))
            : ToResult(outcome);
    }

    public static async Task<IResult> Compare(int a, int b, LeadRunnerDb db)
    {
        var first = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == a);
        var second = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == b);
        if (first is null || second is null)
        {
            return ApiProblems.NotFound($"{(first is null ? a : b)} 年度批次不存在。");
        }
        return TypedResults.Ok(JsonChanges.Compare(ProgrammeUpgrade.Read(first.SettingsJson), ProgrammeUpgrade.Read(second.SettingsJson)));
    }

    public static async Task<IResult> GrantExtension(int year, ExtensionRequest request, ExtensionGrants grants, HttpContext http)
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

    private static IResult ToResult(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Saved saved => TypedResults.Ok(new SavedDto(int.Parse(saved.Version.Key, System.Globalization.CultureInfo.InvariantCulture), saved.Version.Title,
            saved.Version.Version!.Value, saved.Effects.Replanned)),
        VersionOutcome.Invalid invalid => TypedResults.BadRequest(new ErrorList("设置有误，未保存", invalid.Errors)),
        _ => VersionsApi.Problem(outcome),
    };
}
