using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Versioning.Pages;

/// <summary>
/// The history of any versioned artifact, the same page for every kind: each version with who, when and why, the
/// changes between any two versions, and rollback with a reason. The editors link here.
/// </summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class VersionHistoryModel(LeadRunnerDb db, ArtifactStore store) : PageModel
{
    public ArtifactKind Kind { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<ArtifactVersion> Versions { get; private set; } = [];
    public int? Current { get; private set; }
    public int? From { get; private set; }
    public int? To { get; private set; }
    public IReadOnlyList<VersionChange>? Changes { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    /// <summary>Where the kind's own editor is, to go back to.</summary>
    public string EditorLink => Kind.Name switch
    {
        "workflow" => $"/admin/workflows/{Key}/edit",
        "form" => $"/admin/forms/{Key}/edit",
        "template" => $"/admin/templates/{Key}/edit",
        "settings" => $"/admin/programmes?year={Key}",
        _ => $"/admin/eligibility?id={Uri.EscapeDataString(Key)}",
    };

    public async Task<IActionResult> OnGetAsync(string kind, string key, int? from, int? to, CancellationToken ct)
    {
        if (!await LoadAsync(kind, key, ct))
        {
            return NotFound();
        }
        // By default the current version against the one before it.
        (From, To) = (from ?? Versions.Where(v => v.Version < Current).Max(v => v.Version), to ?? Current);
        if (From is { } a && To is { } b)
        {
            Changes = await store.CompareAsync(kind, key, a, b, ct);
            if (Changes is null)
            {
                Message = $"没有第 {(Versions.Any(v => v.Version == a) ? b : a)} 版，无法比较。";
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRollbackAsync(string kind, string key, int version, string? note, CancellationToken ct)
    {
        if (store.Find(kind) is null)
        {
            return NotFound();
        }
        var outcome = await store.RollbackAsync(kind, key, version, User.Identity!.Name!, note, ct);
        if (outcome is VersionOutcome.Saved saved)
        {
            return Redirect($"/admin/versions/{kind}/{Uri.EscapeDataString(key)}?from={version}&to={saved.Version.Version}&rolledBack={saved.Version.Version}");
        }
        Errors = outcome is VersionOutcome.Invalid invalid ? invalid.Errors : [ValidationError.At("", VersionsApi.Describe(outcome))];
        Message = $"未能回滚到第 {version} 版：";
        Response.StatusCode = outcome is VersionOutcome.NotFound ? StatusCodes.Status404NotFound
            : outcome is VersionOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return await LoadAsync(kind, key, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string kind, string key, CancellationToken ct)
    {
        if (store.Find(kind) is not { } type)
        {
            return false;
        }
        Versions = await db.ArtifactVersions.AsNoTracking().Of(kind, key)
            .OrderByDescending(v => v.Version == null).ThenByDescending(v => v.Version).ToListAsync(ct);
        if (Versions.Count == 0)
        {
            return false;
        }
        (Kind, Key) = (type, key);
        Current = Versions.Where(v => v.State == VersionState.Published).Max(v => v.Version);
        Title = Versions.FirstOrDefault(v => v.Version == Current)?.Title ?? Versions[0].Title;
        if (int.TryParse(Request.Query["rolledBack"], out var rolledBack))
        {
            Message = $"已回滚：旧版本的内容已发布为第 {rolledBack} 版，并记入操作日志。";
        }
        return true;
    }

    public static string StateLabel(ArtifactVersion version, int? current) => version.State switch
    {
        VersionState.Draft => "草稿",
        VersionState.Retracted => "已撤回",
        _ when version.Version == current => "当前版本",
        _ => "历史版本",
    };
}
