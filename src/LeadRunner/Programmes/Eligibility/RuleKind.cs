using System.Text.Json;
using System.Text.RegularExpressions;
using LeadRunner.Data;
using LeadRunner.Versioning;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Eligibility rules as versioned artifacts, one per rule id, the content a <see cref="RuleDefinition"/> as JSON:
/// checked field by field and compiled (syntax errors with line and column). The rule's current copy
/// (<see cref="EligibilityRule"/>) follows each publish. The rule set's version is the newest rule version's id.
/// </summary>
public sealed partial class RuleKind(LeadRunnerDb db, EligibilityRuleSet ruleSet, ProgrammeSettings programmes, ProgrammeYears years, EligibilityEvaluator evaluator)
    : ArtifactKind
{
    public const string Kind = "rule";

    // Categories of settings not committed yet (a round being imported, a year being saved), which a rule may check.
    private IReadOnlyList<string> _pendingCategories = [];

    public override string Name => Kind;
    public override string Noun => "认定条件";

    public override string FileName(string key, int version) => $"{key}.v{version}.rule.json";

    public override string AuditAction(VersionOperation operation, ArtifactVersion? before, ArtifactVersion after)
    {
        if (operation != VersionOperation.Publish || before is null)
        {
            return base.AuditAction(operation, before, after);
        }
        var (old, now) = (Read(before.Content), Read(after.Content));
        return old with { Enabled = now.Enabled } == now && old.Enabled != now.Enabled ? (now.Enabled ? "启用认定条件" : "停用认定条件")
            : old with { SortOrder = now.SortOrder } == now ? "调整认定条件顺序"
            : "修改认定条件";
    }

    /// <summary>The versions of the rule set: the id of each rule version, since a set is every rule's newest version up to that id.</summary>
    public static IQueryable<int> SetVersions(IQueryable<ArtifactVersion> versions) => versions.Of(Kind).Numbered().Select(v => v.Id);

    public static RuleDefinition Read(string content) => JsonSerializer.Deserialize<RuleDefinition>(content, RuleDefinition.JsonOptions)!;

    /// <summary>Lets rules check the categories of settings not committed yet, for the duration of <paramref name="work"/>.</summary>
    public async Task<T> WithCategoriesAsync<T>(IEnumerable<string> categories, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var before = _pendingCategories;
        _pendingCategories = [.. before, .. categories];
        try
        {
            return await work();
        }
        finally
        {
            _pendingCategories = before;
        }
    }

    public override Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct)
    {
        RuleDefinition? rule;
        try
        {
            rule = JsonSerializer.Deserialize<RuleDefinition>(content, RuleDefinition.JsonOptions);
        }
        catch (JsonException)
        {
            return Task.FromResult(ArtifactCheck.Failed("$", "认定条件不是有效的 JSON。"));
        }
        if (rule is null)
        {
            return Task.FromResult(ArtifactCheck.Failed("$", "认定条件不能为空。"));
        }
        // A browser's text area sends CRLF: line endings are not a change of the rule.
        rule = rule with
        {
            Id = key, Title = rule.Title ?? "", Group = rule.Group ?? "",
            Expression = (rule.Expression ?? "").ReplaceLineEndings("\n"), Explanation = (rule.Explanation ?? "").ReplaceLineEndings("\n"),
        };
        var errors = Validate(rule);
        return Task.FromResult(errors.Count > 0 ? ArtifactCheck.Failed(errors) : ArtifactCheck.Ok(rule.ToJson(), rule.Title));
    }

    /// <summary>Every problem of a rule, field by field, then its expression and explanation compiled.</summary>
    public IReadOnlyList<ValidationError> Validate(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<ValidationError>();
        void Add(string path, string message) => errors.Add(ValidationError.At(path, message));
        if (!RuleId().IsMatch(rule.Id))
        {
            Add("id", "条件编号只能由小写字母、数字和连字符组成，且以字母或数字开头（不超过 64 个字符）。");
        }
        if (rule.Title.Length is 0 or > 200)
        {
            Add("title", "请填写条件名称（不超过 200 个字符）。");
        }
        var categories = KnownCategories();
        if (!RuleGroups.Titles.ContainsKey(rule.Group))
        {
            Add("group", "条件分组应为 poolEntry（入库条件）、basic（基本条件）或 special（专项条件）。");
        }
        // A fresh installation loads its rules before any year exists: there is nothing yet to check a category against.
        else if (rule.Group == RuleGroups.Special && (categories.Count > 0 ? !categories.Contains(rule.Category ?? "") : string.IsNullOrEmpty(rule.Category)))
        {
            Add("category", $"专项条件应指明类别，可选：{string.Join("、", categories)}。");
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
            var compiled = ruleSet.Compile(rule);
            errors.AddRange(compiled.Errors);
            if (compiled.Ok && FailingSample(compiled) is { } failure)
            {
                errors.Add(failure);
            }
        }
        return errors;
    }

    /// <summary>
    /// The first sample application (of any year with settings) on which the rule errors, as the refusal; null when
    /// it runs on all. A rule that breaks is refused here, so the published rule keeps serving.
    /// </summary>
    private ValidationError? FailingSample(CompiledRule rule)
    {
        foreach (var year in programmes.Years.Order())
        {
            if (years.Get(year) is not { } settings || (rule.Definition.Category is { } category && !settings.Categories.ContainsKey(category)))
            {
                continue;
            }
            foreach (var sample in SampleApplications.For(year))
            {
                if (ApplicationChecks.Validate(sample.Application, settings).Count > 0)
                {
                    continue; // a sample this year's lists do not accept never reaches the rules
                }
                var result = evaluator.Run(rule, sample.Application.ToScript(), settings);
                if (result.Result == EligibilityEvaluator.Error)
                {
                    return ValidationError.At("expression", $"条件在样例申报“{sample.Name}”（{year} 年度）上运行出错，未保存：{result.Explanation}");
                }
            }
        }
        return null;
    }

    public override async Task<PublishEffects> PublishingAsync(ArtifactVersion version, PublishContext context, CancellationToken ct)
    {
        var rule = Read(version.Content);
        var current = await db.EligibilityRules.FindAsync([version.Key], ct);
        if (current is null)
        {
            current = new EligibilityRule { Id = version.Key, Title = rule.Title, Group = rule.Group, Expression = rule.Expression, Explanation = rule.Explanation, UpdatedBy = context.User };
            db.EligibilityRules.Add(current);
        }
        (current.Title, current.Group, current.Category, current.Judgement, current.SortOrder, current.Expression, current.Explanation, current.Enabled) =
            (rule.Title, rule.Group, rule.Category, rule.Judgement, rule.SortOrder, rule.Expression, rule.Explanation, rule.Enabled);
        (current.Version, current.UpdatedAt, current.UpdatedBy) = (version.Version!.Value, version.PublishedAt!.Value, context.User);
        return PublishEffects.None;
    }

    public override void Published(ArtifactVersion version) => ruleSet.Invalidate();

    public override IReadOnlyList<VersionChange> Compare(string before, string after) => JsonChanges.Compare(before, after);

    /// <summary>The special-condition keys of every year (and of settings not committed yet), which a special rule may check.</summary>
    public List<string> KnownCategories() =>
        [.. programmes.Years.Order().SelectMany(y => ProgrammeSettings.Read(programmes.ForYear(y), "specialCategories") as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(c => c?["key"]?.GetValue<string>()).OfType<string>().Concat(_pendingCategories).Distinct()];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex RuleId();
}
