using System.Text;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
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
    public sealed record ErrorList(string Title, IReadOnlyList<ValidationError> Errors);

    public static void MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/versions/{kind}/{key}").WithTags("版本").RequireAuthorization(Policies.SysAdmin);
        group.MapGet("/", History);
        group.MapGet("/{version:int}", Content);
        group.MapGet("/{version:int}/export", (string kind, string key, int version, ArtifactStore store) => ExportAsync(store, kind, key, version));
        group.MapGet("/diff", Diff);
        group.MapPost("/{version:int}/rollback", Rollback);
        group.MapPost("/{version:int}/retract", Retract);
    }

    private static ArtifactKind? Administered(ArtifactStore store, string kind) => store.Find(kind) is { SystemAdministered: true } type ? type : null;

    public static string StateName(VersionState state) => state switch
    {
        VersionState.Draft => "draft", VersionState.Published => "published", _ => "retracted",
    };

    private static async Task<IResult> History(string kind, string key, ArtifactStore store, LeadRunnerDb db, CancellationToken ct)
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

    private static async Task<IResult> Content(string kind, string key, int version, ArtifactStore store, CancellationToken ct) =>
        Administered(store, kind) is not { } type ? UnknownKind(kind)
        : await store.VersionAsync(kind, key, version, ct) is { } found ? TypedResults.Text(found.Content, type.MediaType, Encoding.UTF8)
        : ApiProblems.NotFound($"{type.Noun}“{key}”没有第 {version} 版。");

    /// <summary>A version as the file an administrator keeps or imports elsewhere.</summary>
    public static async Task<IResult> ExportAsync(ArtifactStore store, string kind, string key, int version)
    {
        if (Administered(store, kind) is not { } type)
        {
            return UnknownKind(kind);
        }
        return await store.VersionAsync(kind, key, version) is { } found
            ? TypedResults.File(Encoding.UTF8.GetBytes(found.Content.EndsWith('\n') ? found.Content : found.Content + "\n"), type.MediaType, type.FileName(key, version))
            : ApiProblems.NotFound($"{type.Noun}“{key}”没有第 {version} 版。");
    }

    private static async Task<IResult> Diff(string kind, string key, int from, int to, ArtifactStore store, CancellationToken ct) =>
        Administered(store, kind) is not { } type ? UnknownKind(kind)
        : await store.CompareAsync(kind, key, from, to, ct) is { } changes ? TypedResults.Ok(changes)
        : ApiProblems.NotFound($"{type.Noun}“{key}”没有第 {from} 版或第 {to} 版。");

    private static async Task<IResult> Rollback(string kind, string key, int version, NoteRequest? request, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        Administered(store, kind) is null ? UnknownKind(kind) : Result(await store.RollbackAsync(kind, key, version, http.User.Identity!.Name!, request?.Note, ct));

    private static async Task<IResult> Retract(string kind, string key, int version, NoteRequest? request, ArtifactStore store, HttpContext http, CancellationToken ct) =>
        Administered(store, kind) is null ? UnknownKind(kind) : Result(await store.RetractAsync(kind, key, version, http.User.Identity!.Name!, request?.Note, ct));

    private static IResult Result(VersionOutcome outcome) => outcome is VersionOutcome.Saved saved
        ? TypedResults.Ok(new VersionDto(saved.Version.Id, saved.Version.Version, StateName(saved.Version.State), saved.Version.Title, saved.Version.CreatedAt,
            saved.Version.CreatedBy, saved.Version.PublishedAt, saved.Version.PublishedBy, saved.Version.Note, saved.Version.BasedOnVersion, saved.Version.State == VersionState.Published))
        : Problem(outcome);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnknownKind(string kind) => ApiProblems.NotFound($"没有“{kind}”这类可版本化的内容，可选：workflow、form、template、settings、rule。");

    /// <summary>The response for a refused change: 400 with every problem, 404, or 409 with what is in the way.</summary>
    public static IResult Problem(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Invalid invalid => TypedResults.BadRequest(new ErrorList("内容有误，未保存", invalid.Errors)),
        VersionOutcome.NotFound missing => ApiProblems.NotFound(missing.Message),
        VersionOutcome.Conflict { Errors.Count: > 0 } conflict => TypedResults.Conflict(new ErrorList(conflict.Message, conflict.Errors)),
        VersionOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        _ => throw new InvalidOperationException("A saved outcome is not a problem."),
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
