using System.Text.RegularExpressions;
using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>Saves an administrator's edit of a rule as a new version: validated (syntax with line and column), logged, or not saved at all.</summary>
public sealed partial class EligibilityRuleStore(LeadRunnerDb db, EligibilityRuleSet ruleSet, ProgrammeSettings programmes, AuditLog audit, TimeProvider clock)
{
    /// <summary>The body of PUT /api/eligibility/rules/{id}; omitted fields keep their current value.</summary>
    public sealed record RuleEdit(string? Title, string? Group, string? Category, string? Expression, string? Explanation, bool? Judgement, int? SortOrder, string? Note);

    public abstract record Outcome
    {
        public sealed record Saved(EligibilityRule Rule) : Outcome;
        public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
    }

    /// <summary>
    /// Merges the edit into the current rule (or a new one) and checks it; nothing is stored. <paramref name="moreCategories"/>
    /// are special categories of settings not saved yet (a round being imported with its rules).
    /// </summary>
    public (RuleDefinition? Rule, IReadOnlyList<ValidationError> Errors) Prepare(string id, RuleEdit edit, EligibilityRule? current, IEnumerable<string>? moreCategories = null)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var errors = new List<ValidationError>();
        void Add(string path, string message) => errors.Add(new ValidationError(path, 0, 0, message));
        if (current is null && !RuleId().IsMatch(id))
        {
            Add("id", "条件编号只能由小写字母、数字和连字符组成，且以字母或数字开头（不超过 64 个字符）。");
        }
        var group = edit.Group ?? current?.Group ?? "";
        var category = group == RuleGroups.Special ? (edit.Category ?? current?.Category)?.Trim() : null;
        var rule = new RuleDefinition(id, (edit.Title ?? current?.Title ?? "").Trim(), group, category,
            edit.Judgement ?? current?.Judgement ?? false, edit.SortOrder ?? current?.SortOrder ?? 99,
            edit.Expression ?? current?.Expression ?? "", edit.Explanation ?? current?.Explanation ?? "");
        if (rule.Title.Length is 0 or > 200)
        {
            Add("title", "请填写条件名称（不超过 200 个字符）。");
        }
        if (!RuleGroups.Titles.ContainsKey(group))
        {
            Add("group", "条件分组应为 poolEntry（入库条件）、basic（基本条件）或 special（专项条件）。");
        }
        else if (group == RuleGroups.Special && !KnownCategories(moreCategories).Contains(category ?? ""))
        {
            Add("category", $"专项条件应指明类别，可选：{string.Join("、", KnownCategories(moreCategories))}。");
        }
        if (string.IsNullOrWhiteSpace(rule.Expression))
        {
            Add("expression", "请填写条件表达式。");
        }
        if (string.IsNullOrWhiteSpace(rule.Explanation))
        {
            Add("explanation", "请填写说明模板。");
        }
        if (errors.Count == 0)
        {
            errors.AddRange(ruleSet.Compile(rule).Errors);
        }
        return (errors.Count == 0 ? rule : null, errors);
    }

    public async Task<Outcome> SaveAsync(string id, RuleEdit edit, string user, IEnumerable<string>? moreCategories = null, CancellationToken ct = default)
    {
        var current = await db.EligibilityRules.FindAsync([id], ct);
        var (rule, errors) = Prepare(id, edit, current, moreCategories);
        if (rule is null)
        {
            return new Outcome.Invalid(errors);
        }
        var before = current is null ? null : RuleDefinition.Of(current);
        if (before == rule)
        {
            return new Outcome.Saved(current!); // nothing changed: no new version
        }
        if (current is null)
        {
            current = new EligibilityRule { Id = id, Title = rule.Title, Group = rule.Group, Expression = rule.Expression, Explanation = rule.Explanation, UpdatedBy = user };
            db.EligibilityRules.Add(current);
        }
        (current.Title, current.Group, current.Category, current.Judgement, current.SortOrder, current.Expression, current.Explanation) =
            (rule.Title, rule.Group, rule.Category, rule.Judgement, rule.SortOrder, rule.Expression, rule.Explanation);
        current.Version++;
        current.UpdatedAt = clock.GetUtcNow();
        current.UpdatedBy = user;
        var note = string.IsNullOrWhiteSpace(edit.Note) ? null : edit.Note.Trim();
        db.EligibilityRuleVersions.Add(new EligibilityRuleVersion
        {
            RuleId = id, Version = current.Version, Json = rule.ToJson(), At = current.UpdatedAt, By = user, Note = note,
        });
        audit.Record(before is null ? "新增认定条件" : "修改认定条件", $"{rule.Title}（{id}，第 {current.Version} 版）",
            before: before?.ToJson(), after: rule.ToJson(), reason: note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The version is a concurrency token and unique per rule: someone else saved in between.
            return new Outcome.Conflict($"认定条件“{rule.Title}”刚被他人修改，请刷新后重新编辑。");
        }
        ruleSet.Invalidate();
        return new Outcome.Saved(current);
    }

    private List<string> KnownCategories(IEnumerable<string>? more) =>
        [.. programmes.Years.Order().SelectMany(y => ProgrammeSettings.Read(programmes.ForYear(y), "specialCategories") as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(c => c?["key"]?.GetValue<string>()).OfType<string>().Concat(more ?? []).Distinct()];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex RuleId();
}
