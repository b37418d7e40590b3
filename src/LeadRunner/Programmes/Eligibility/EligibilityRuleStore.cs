using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// An administrator's edit of a rule — its content, a new rule, disabling or enabling it, its place in the group —
/// merged into the rule and published through the shared versioning (<see cref="RuleKind"/>) as a new version.
/// </summary>
public sealed class EligibilityRuleStore(LeadRunnerDb db, ArtifactStore store)
{
    /// <summary>The body of PUT /api/eligibility/rules/{id}; omitted fields keep their current value.</summary>
    public sealed record RuleEdit(string? Title, string? Group, string? Category, string? Expression, string? Explanation, bool? Judgement, int? SortOrder, string? Note,
        bool? Enabled = null);

    private RuleKind Rules => (RuleKind)store.Kind(RuleKind.Kind);

    /// <summary>Merges the edit into the current rule (or a new one) and checks it; nothing is stored.</summary>
    public (RuleDefinition? Rule, IReadOnlyList<ValidationError> Errors) Prepare(string id, RuleEdit edit, EligibilityRule? current)
    {
        var rule = Merge(id, edit, current);
        var errors = Rules.Validate(rule);
        return (errors.Count == 0 ? rule : null, errors);
    }

    private static RuleDefinition Merge(string id, RuleEdit edit, EligibilityRule? current)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var group = edit.Group ?? current?.Group ?? "";
        var category = group == RuleGroups.Special ? (edit.Category ?? current?.Category)?.Trim() : null;
        return new RuleDefinition(id, (edit.Title ?? current?.Title ?? "").Trim(), group, category,
            edit.Judgement ?? current?.Judgement ?? false, edit.SortOrder ?? current?.SortOrder ?? 99,
            edit.Expression ?? current?.Expression ?? "", edit.Explanation ?? current?.Explanation ?? "", edit.Enabled ?? current?.Enabled ?? true);
    }

    public async Task<VersionOutcome> SaveAsync(string id, RuleEdit edit, string user, CancellationToken ct = default)
    {
        var current = await db.EligibilityRules.FindAsync([id], ct);
        return await store.PublishAsync(RuleKind.Kind, id, Merge(id, edit, current).ToJson(), user, edit.Note, ct: ct);
    }

    /// <summary>Adds a rule under a new id; an id already taken is refused rather than overwritten.</summary>
    public async Task<VersionOutcome> CreateAsync(string id, RuleEdit edit, string user, CancellationToken ct = default) =>
        await db.EligibilityRules.AnyAsync(r => r.Id == id, ct)
            ? new VersionOutcome.Invalid([ValidationError.At("id", $"条件编号“{id}”已被使用，请换一个。")])
            : await SaveAsync(id, edit, user, ct);

    /// <summary>Disables (checks skip it) or enables a rule, as a new version.</summary>
    public async Task<VersionOutcome> SetEnabledAsync(string id, bool enabled, string user, string? note, CancellationToken ct = default) =>
        await db.EligibilityRules.AnyAsync(r => r.Id == id, ct)
            ? await SaveAsync(id, new RuleEdit(null, null, null, null, null, null, null, note, enabled), user, ct)
            : new VersionOutcome.NotFound($"认定条件“{id}”不存在。");

    /// <summary>
    /// Moves a rule one place up or down within its group: the two rules swap places, each as a new version, in one
    /// transaction. Sort orders that were equal are first spread out, so that the order is the one shown.
    /// </summary>
    public async Task<VersionOutcome> MoveAsync(string id, bool up, string user, CancellationToken ct = default)
    {
        var rule = await db.EligibilityRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return new VersionOutcome.NotFound($"认定条件“{id}”不存在。");
        }
        var group = (await db.EligibilityRules.AsNoTracking().Where(r => r.Group == rule.Group).ToListAsync(ct))
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = group.FindIndex(r => r.Id == id);
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= group.Count)
        {
            return new VersionOutcome.Invalid([ValidationError.At("sortOrder", $"“{rule.Title}”已排在本组{(up ? "最前" : "最后")}。")]);
        }
        var orders = group.Select(r => r.SortOrder).ToList();
        if (orders.Distinct().Count() < orders.Count)
        {
            orders = [.. Enumerable.Range(orders[0], orders.Count)];
        }
        (group[index], group[other]) = (group[other], group[index]);
        var note = $"{(up ? "上移" : "下移")}“{rule.Title}”";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].SortOrder == orders[i])
            {
                continue;
            }
            var outcome = await store.PublishAsync(RuleKind.Kind, group[i].Id, (RuleDefinition.Of(group[i]) with { SortOrder = orders[i] }).ToJson(), user, note, ct: ct);
            if (outcome is not VersionOutcome.Saved)
            {
                return outcome;
            }
        }
        await transaction.CommitAsync(ct);
        return new VersionOutcome.Saved((await store.CurrentAsync(RuleKind.Kind, id, ct))!);
    }
}
