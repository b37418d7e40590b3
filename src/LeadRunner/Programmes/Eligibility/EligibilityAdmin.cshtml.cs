using System.Text.Json;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Administrators edit a rule, try the edit on sample data before saving, disable or enable it, move it within its
/// group, and read each rule's history. Every change is a new version and an audit entry. New rules: EligibilityNew.
/// </summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class EligibilityAdminModel(LeadRunnerDb db, EligibilityRuleStore store, EligibilityRuleSet ruleSet, EligibilityEvaluator evaluator, ProgrammeYears years) : PageModel
{
    // A realistic textile enterprise of the 清河 cashmere cluster: it passes R&D only thanks to the
    // traditional-industry threshold, and has one partner outside the cluster that does not count.
    public const string DefaultSample = """
        {
          "year": 2024,
          "industry": "纺织",
          "listed": false,
          "inCultivationPool": true,
          "clusterRank": 2,
          "clusterSize": 40,
          "revenue": 12000,
          "rdExpense": 384,
          "partners": [
            { "name": "清河县宏达羊绒纺纱有限公司", "inCluster": true, "relation": "上游" },
            { "name": "清河县博源染整有限公司", "inCluster": true, "relation": "上游" },
            { "name": "清河县雪绒服饰有限公司", "inCluster": true, "relation": "下游" },
            { "name": "上海悦尚服饰有限公司", "inCluster": false, "relation": "下游" }
          ],
          "specialConditions": [
            { "category": "科技创新", "items": ["省级及以上企业技术中心"] }
          ]
        }
        """;

    public IReadOnlyList<EligibilityRule> Rules { get; private set; } = [];
    public EligibilityRule? Selected { get; private set; }
    public IReadOnlyList<ArtifactVersion> History { get; private set; } = [];
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];
    public EligibilityEvaluator.RuleResult? Trial { get; private set; }
    public string? TrialSettings { get; private set; }
    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public bool Judgement { get; set; }
    [BindProperty] public string? Expression { get; set; }
    [BindProperty] public string? Explanation { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string Sample { get; set; } = DefaultSample;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Selected is null)
        {
            return Id is null ? Page() : NotFound();
        }
        (Title, Judgement, Expression, Explanation) = (Selected.Title, Selected.Judgement, Selected.Expression, Selected.Explanation);
        return Page();
    }

    public async Task<IActionResult> OnPostTryAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Selected is null)
        {
            return NotFound();
        }
        var (rule, errors) = store.Prepare(Selected.Id, Edit(), Selected);
        var (application, sampleErrors) = ReadSample();
        Fail([.. errors, .. sampleErrors]);
        if (rule is not null && application is not null)
        {
            var year = years.Get(application.Year)!;
            Trial = evaluator.Run(ruleSet.Compile(rule), application.ToScript(), year);
            TrialSettings = $"{year.Year} 年度设置第 {year.Version} 版";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var outcome = await store.SaveAsync(Id ?? "", Edit(), User.Identity!.Name!, ct: ct);
        switch (outcome)
        {
            case VersionOutcome.Saved saved:
                Message = $"已保存“{saved.Version.Title}”，当前为第 {saved.Version.Version} 版。";
                Note = null;
                break;
            default:
                Fail(outcome);
                break;
        }
        await LoadAsync(ct);
        return Selected is null ? NotFound() : Page();
    }

    /// <summary>Disables or enables a rule of the list; the rule being edited, if any, stays selected.</summary>
    public async Task<IActionResult> OnPostToggleAsync(string ruleId, bool enable, CancellationToken ct) =>
        await Show(await store.SetEnabledAsync(ruleId, enable, User.Identity!.Name!, null, ct),
            rule => $"已{(rule.Enabled ? "启用" : "停用")}“{rule.Title}”，当前为第 {rule.Version} 版。", ct);

    /// <summary>Moves a rule one place up or down within its group.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string ruleId, bool up, CancellationToken ct) =>
        await Show(await store.MoveAsync(ruleId, up, User.Identity!.Name!, ct), rule => $"已{(up ? "上移" : "下移")}“{rule.Title}”。", ct);

    private async Task<IActionResult> Show(VersionOutcome outcome, Func<EligibilityRule, string> success, CancellationToken ct)
    {
        if (outcome is VersionOutcome.Saved saved)
        {
            Message = success((await db.EligibilityRules.AsNoTracking().FirstAsync(r => r.Id == saved.Version.Key, ct)));
        }
        else
        {
            Fail(outcome);
        }
        await LoadAsync(ct);
        if (Selected is not null)
        {
            (Title, Judgement, Expression, Explanation) = (Selected.Title, Selected.Judgement, Selected.Expression, Selected.Explanation);
        }
        return Page();
    }

    private EligibilityRuleStore.RuleEdit Edit() => new(Title, null, null, Expression, Explanation, Judgement, null, Note);

    /// <summary>The sample as the check API reads it, with the same checks, so that a try means what a check would.</summary>
    private (EligibilityApplication?, List<ValidationError>) ReadSample()
    {
        EligibilityApplication? application;
        try
        {
            application = JsonSerializer.Deserialize<EligibilityApplication>(Sample, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return (null, [new ValidationError("sample", (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "试算数据不是有效的 JSON，请检查括号、引号和逗号。")]);
        }
        if (application is null)
        {
            return (null, [new ValidationError("sample", 0, 0, "请填写试算数据。")]);
        }
        var errors = ApplicationChecks.Validate(application, years.Get(application.Year));
        return errors.Count == 0 ? (application, []) : (null, [.. errors.Select(e => new ValidationError($"sample.{e.Key}", 0, 0, e.Value[0]))]);
    }

    private void Fail(VersionOutcome outcome) => Fail(outcome switch
    {
        VersionOutcome.Invalid invalid => invalid.Errors,
        VersionOutcome.NotFound missing => [ValidationError.At("", missing.Message)],
        VersionOutcome.Conflict conflict => [ValidationError.At("", conflict.Message)],
        _ => [],
    });

    private void Fail(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            Errors = [.. Errors, .. errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rules = [.. (await db.EligibilityRules.AsNoTracking().ToListAsync(ct))
            .OrderBy(r => RuleGroups.Order(r.Group)).ThenBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal)];
        Selected = Id is null ? null : Rules.FirstOrDefault(r => r.Id == Id);
        History = Selected is null ? [] : await db.ArtifactVersions.AsNoTracking().Of(RuleKind.Kind, Selected.Id).Numbered()
            .OrderByDescending(v => v.Version).ToListAsync(ct);
    }

    public static string Where(ValidationError e) => (e.Path.Split('.')[0], e.Line) switch
    {
        ("expression", > 0) => $"条件表达式第 {e.Line} 行第 {e.Column} 列：",
        ("explanation", > 0) => $"说明模板第 {e.Line} 行第 {e.Column} 列：",
        ("sample", > 0) => $"试算数据第 {e.Line} 行第 {e.Column} 列：",
        ("sample", _) => $"试算数据 {e.Path["sample.".Length..]}：",
        _ => "",
    };
}
