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
        group.MapGet("/", List);
        group.MapGet("/builder-config", () => TypedResults.Ok(new BuilderConfig(SupportedComponents.All, [.. UnsupportedSettings.Settings.Select(s => s.Path)])));
        group.MapGet("/{key}/versions/{version:int}", GetVersion);
        group.MapGet("/{key}/versions/{version:int}/export", (string key, int version, ArtifactStore store) => VersionsApi.ExportAsync(store, FormKind.Kind, key, version));
        group.MapGet("/{key}/design", GetDesign);
        group.MapPut("/{key}/design", SaveDesign).Accepts<JsonNode>("application/json");
        group.MapPost("/{key}/check", Check).Accepts<JsonNode>("application/json");
        group.MapPost("/{key}/publish", Publish);
        group.MapPost("/{key}/versions/{version:int}/rollback", Rollback);
        group.MapGet("/{key}/diff", Diff);
        group.MapPost("/import", Import).Accepts<JsonNode>("application/json", "multipart/form-data").DisableAntiforgery();
    }

    public static async Task<Ok<FormDto[]>> List(LeadRunnerDb db)
    {
        var versions = await db.ArtifactVersions.AsNoTracking().Of(FormKind.Kind).OrderBy(v => v.Key).ThenByDescending(v => v.Version == null).ThenByDescending(v => v.Version).ToListAsync();
        return TypedResults.Ok(versions.GroupBy(v => v.Key).Select(g => new FormDto(g.Key,
            g.FirstOrDefault(v => v.Version != null)?.Title ?? g.First().Title,
            g.Max(v => v.Version), g.Any(v => v.Version == null), g.Select(ToDto).ToList())).ToArray());
    }

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

    private static async Task<IResult> SaveDesign(string key, HttpRequest request, FormKind kind, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct);
        if (text is null)
        {
            return ApiProblems.Invalid("$", "表单定义超过 1 MB。");
        }
        var outcome = await kind.SaveDraftAsync(store, key, text, UserName(user), null, ct);
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    private static async Task<IResult> Check(string key, HttpRequest request, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct);
        var result = text is null ? new FormSchemaReader.Result(null, null, [ValidationError.At("$", "表单定义超过 1 MB。")]) : FormSchemaReader.Read(text);
        return TypedResults.Ok(new SchemaCheck(result.Definition is not null, result.Errors));
    }

    private static async Task<IResult> Publish(string key, [FromBody] NoteRequest? request, FormKind kind, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await kind.DraftAsync(key, ct) is { } draft
            ? await store.PublishDraftAsync(FormKind.Kind, key, draft.Id, UserName(user), request?.Note, ct: ct)
            : new VersionOutcome.NotFound($"表单“{key}”没有待发布的草稿。");
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    private static async Task<IResult> Rollback(string key, int version, [FromBody] NoteRequest? request, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await store.RollbackAsync(FormKind.Kind, key, version, UserName(user), request?.Note, ct);
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    private static async Task<IResult> Diff(string key, int from, int to, LeadRunnerDb db)
    {
        var pair = await db.ArtifactVersions.Of(FormKind.Kind, key).Where(v => v.Version == from || v.Version == to).ToDictionaryAsync(v => v.Version!.Value, v => v.Content);
        if (!pair.TryGetValue(from, out var before) || !pair.TryGetValue(to, out var after))
        {
            return ApiProblems.NotFound($"表单“{key}”没有版本 {(pair.ContainsKey(from) ? to : from)}。");
        }
        return TypedResults.Ok(FormDiff.Compare(JsonNode.Parse(before)!.AsObject(), JsonNode.Parse(after)!.AsObject()));
    }

    /// <summary>Accepts the file either as the request body or as a multipart upload named "file".</summary>
    private static async Task<IResult> Import(HttpRequest request, FormKind kind, ArtifactStore store, ClaimsPrincipal user, CancellationToken ct)
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
        return outcome is VersionOutcome.Saved saved ? TypedResults.Ok(ToDto(saved.Version)) : ToProblem(outcome);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxSchemaBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return read > MaxSchemaBytes ? null : new string(buffer, 0, read);
    }

    private static string UserName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "管理员";

    private static IResult ToProblem(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.NotFound nf => ApiProblems.NotFound(nf.Message),
        VersionOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        VersionOutcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => $"{e.Path}：{e.Message}").ToArray())),
        _ => throw new InvalidOperationException("Unexpected outcome."),
    };
}
