using System.Text;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Regions;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Pages;

/// <summary>Administrators edit a year's settings, open the next year, import/export and grant deadline extensions.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class ProgrammeAdminModel(LeadRunnerDb db, ProgrammeStore store, ExtensionGrants grants) : PageModel
{
    public IReadOnlyList<int> Years { get; private set; } = [];
    public int? Year { get; private set; }
    public int Version { get; private set; }
    public ProgrammeForm Form { get; private set; } = new();
    public IReadOnlyList<ArtifactVersion> Versions { get; private set; } = [];
    public IReadOnlyList<DeadlineExtension> Extensions { get; private set; } = [];
    public IReadOnlyList<ReportingUnit> Units { get; private set; } = [];
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year) => await LoadAsync(year, keepForm: false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(int year, [FromForm] ProgrammeForm form, string? note)
    {
        Form = form;
        var outcome = await store.SaveAsync(year, form.ToSettings(year).ToJsonString(), User.Identity!.Name!, note);
        return await Finish(year, outcome, "已保存。", keepForm: outcome is not VersionOutcome.Saved);
    }

    public async Task<IActionResult> OnPostCopyAsync(int year, int newYear)
    {
        var outcome = await store.CopyAsync(year, newYear, User.Identity!.Name!);
        return outcome is VersionOutcome.Saved ? Redirect($"/admin/programmes?year={newYear}") : await Finish(year, outcome, "", keepForm: false);
    }

    public async Task<IActionResult> OnPostImportAsync(int year, IFormFile? file)
    {
        if (file is null || file.Length is 0 or > 1_000_000)
        {
            (Message, Failed) = ("请选择不超过 1 MB 的 JSON 设置文件。", true);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(year, keepForm: false) ? Page() : NotFound();
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        var outcome = await store.SaveAsync(year, await reader.ReadToEndAsync(), User.Identity!.Name!, $"导入 {Path.GetFileName(file.FileName)}");
        return await Finish(year, outcome, "已导入为新版本。", keepForm: false);
    }

    public async Task<IActionResult> OnPostExtendAsync(int year, string? stage, DateOnly? until, string? unitCode, string? reason)
    {
        var outcome = await grants.GrantAsync(year, new ProgrammesApi.ExtensionRequest(stage, unitCode, null, until, reason), User.Identity!.Name!);
        (Message, Failed) = outcome switch
        {
            ExtensionGrants.Outcome.Granted => ("已批准延期，并记入操作日志。", false),
            ExtensionGrants.Outcome.Invalid invalid => (string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), true),
            _ => ($"{year} 年度批次不存在。", true),
        };
        if (Failed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await LoadAsync(year, keepForm: false) ? Page() : NotFound();
    }

    private async Task<IActionResult> Finish(int year, VersionOutcome outcome, string success, bool keepForm)
    {
        switch (outcome)
        {
            case VersionOutcome.Saved { Effects: var effects }:
                Message = success
                    + (effects.Replanned > 0 ? $"已按新期限调整 {effects.Replanned} 个在办案件的办理期限。" : "")
                    + (effects.GeneratedRules is not { Count: > 0 } generated ? "" : $"新增的专项条件尚无认定条件，已生成：{string.Join("；", generated)}。可在“认定条件”中细化。");
                break;
            case VersionOutcome.Invalid invalid:
                (Message, Errors) = ("设置有误，未保存：", invalid.Errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case VersionOutcome.Conflict { Errors.Count: > 0 } inUse:
                (Message, Errors) = ($"{inUse.Message}：", inUse.Errors);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case VersionOutcome.NotFound notFound:
                (Message, Failed) = (notFound.Message, true);
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case VersionOutcome.Conflict exists:
                (Message, Failed) = (exists.Message, true);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        return await LoadAsync(year, keepForm) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int? year, bool keepForm)
    {
        Years = await db.Programmes.OrderByDescending(p => p.Year).Select(p => p.Year).ToListAsync();
        Year = year ?? (Years.Count > 0 ? Years[0] : null);
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == Year);
        if (programme is null)
        {
            Year = null;
            return year is null; // no programme at all is an empty page, an unknown year is a 404
        }
        Version = programme.CurrentVersion;
        if (!keepForm)
        {
            Form = ProgrammeForm.From(ProgrammeUpgrade.Read(programme.SettingsJson));
        }
        Versions = await db.ArtifactVersions.AsNoTracking().Of(SettingsKind.Kind, SettingsKind.KeyOf(programme.Year)).Numbered().OrderByDescending(v => v.Version).ToListAsync();
        Extensions = await db.DeadlineExtensions.AsNoTracking().Where(e => e.Year == Year).OrderByDescending(e => e.Id).ToListAsync();
        Units = await db.ReportingUnits.AsNoTracking().OrderBy(u => u.SortOrder).ToListAsync();
        return true;
    }
}
