using System.Text.RegularExpressions;
using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Saves an administrator's edit of a rule — its content, a new rule, disabling or enabling it, its place in the
/// group — as a new version: validated (syntax with line and column), logged, or not saved at all.
/// </summary>
public sealed partial class EligibilityRuleStore(LeadRunnerDb db, EligibilityRuleSet ruleSet, ProgrammeSettings programmes, AuditLog audit, TimeProvider clock)
{
    /// <summary>The body of PUT /api/eligibility/rules/{id}; omitted fields keep their current value.</summary>
    public sealed record RuleEdit(string? Title, string? Group, string? Category, string? Expression, string? Explanation, bool? Judgement, int? SortOrder, string? Note,
        bool? Enabled = null);

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
            edit.Expression ?? current?.Expression ?? "", edit.Explanation ?? current?.Explanation ?? "", edit.Enabled ?? current?.Enabled ?? true);
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
        if (current is not null && RuleDefinition.Of(current) == rule)
        {
            return new Outcome.Saved(current); // nothing changed: no new version
        }
        current = Record(current, rule, user, edit.Note);
        return await CommitAsync(current, rule.Title, ct);
    }

    /// <summary>Adds a rule under a new id; an id already taken is refused rather than overwritten.</summary>
    public async Task<Outcome> CreateAsync(string id, RuleEdit edit, string user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (await db.EligibilityRules.AnyAsync(r => r.Id == id, ct))
        {
            return new Outcome.Invalid([new ValidationError("id", 0, 0, $"条件编号“{id}”已被使用，请换一个。")]);
        }
        return await SaveAsync(id, edit, user, ct: ct);
    }

    /// <summary>Disables (checks skip it) or enables a rule, as a new version.</summary>
    public async Task<Outcome> SetEnabledAsync(string id, bool enabled, string user, string? note, CancellationToken ct = default) =>
        await db.EligibilityRules.AnyAsync(r => r.Id == id, ct)
            ? await SaveAsync(id, new RuleEdit(null, null, null, null, null, null, null, note, enabled), user, ct: ct)
            : new Outcome.Invalid([new ValidationError("id", 0, 0, $"认定条件“{id}”不存在。")]);

    /// <summary>
    /// Moves a rule one place up or down within its group: the two rules swap places, each as a new version, in one
    /// save. Sort orders that were equal are first spread out, so that the order is the one shown.
    /// </summary>
    public async Task<Outcome> MoveAsync(string id, bool up, string user, CancellationToken ct = default)
    {
        var rule = await db.EligibilityRules.FindAsync([id], ct);
        if (rule is null)
        {
            return new Outcome.Invalid([new ValidationError("id", 0, 0, $"认定条件“{id}”不存在。")]);
        }
        var group = (await db.EligibilityRules.Where(r => r.Group == rule.Group).ToListAsync(ct))
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = group.IndexOf(rule);
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= group.Count)
        {
            return new Outcome.Invalid([new ValidationError("sortOrder", 0, 0, $"“{rule.Title}”已排在本组{(up ? "最前" : "最后")}。")]);
        }
        var orders = group.Select(r => r.SortOrder).ToList();
        if (orders.Distinct().Count() < orders.Count)
        {
            orders = [.. Enumerable.Range(orders[0], orders.Count)];
        }
        (group[index], group[other]) = (group[other], group[index]);
        var note = $"{(up ? "上移" : "下移")}“{rule.Title}”";
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].SortOrder != orders[i])
            {
                Record(group[i], RuleDefinition.Of(group[i]) with { SortOrder = orders[i] }, user, note);
            }
        }
        return await CommitAsync(rule, rule.Title, ct);
    }

    /// <summary>Tracks a rule's new content as its next version with an audit entry; the caller saves.</summary>
    private EligibilityRule Record(EligibilityRule? current, RuleDefinition rule, string user, string? note)
    {
        var before = current is null ? null : RuleDefinition.Of(current);
        if (current is null)
        {
            current = new EligibilityRule { Id = rule.Id, Title = rule.Title, Group = rule.Group, Expression = rule.Expression, Explanation = rule.Explanation, UpdatedBy = user };
            db.EligibilityRules.Add(current);
        }
        (current.Title, current.Group, current.Category, current.Judgement, current.SortOrder, current.Expression, current.Explanation, current.Enabled) =
            (rule.Title, rule.Group, rule.Category, rule.Judgement, rule.SortOrder, rule.Expression, rule.Explanation, rule.Enabled);
        current.Version++;
        current.UpdatedAt = clock.GetUtcNow();
        current.UpdatedBy = user;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.EligibilityRuleVersions.Add(new EligibilityRuleVersion
        {
            RuleId = rule.Id, Version = current.Version, Json = rule.ToJson(), At = current.UpdatedAt, By = user, Note = note,
        });
        var action = before is null ? "新增认定条件"
            : before with { Enabled = rule.Enabled } == rule && before.Enabled != rule.Enabled ? (rule.Enabled ? "启用认定条件" : "停用认定条件")
            : before with { SortOrder = rule.SortOrder } == rule ? "调整认定条件顺序"
            : "修改认定条件";
        audit.Record(action, $"{rule.Title}（{rule.Id}，第 {current.Version} 版）", before: before?.ToJson(), after: rule.ToJson(), reason: note);
        return current;
    }

    private async Task<Outcome> CommitAsync(EligibilityRule rule, string title, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The version is a concurrency token and unique per rule: someone else saved in between.
            db.ChangeTracker.Clear();
            return new Outcome.Conflict($"认定条件“{title}”刚被他人修改，请刷新后重新编辑。");
        }
        ruleSet.Invalidate();
        return new Outcome.Saved(rule);
    }

    /// <summary>The special-condition keys of every year (and of settings not saved yet), which a special rule may check.</summary>
    public List<string> KnownCategories(IEnumerable<string>? more = null) =>
        [.. programmes.Years.Order().SelectMany(y => ProgrammeSettings.Read(programmes.ForYear(y), "specialCategories") as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(c => c?["key"]?.GetValue<string>()).OfType<string>().Concat(more ?? []).Distinct()];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex RuleId();
}
