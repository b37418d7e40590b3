using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Forms;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// An explicit re-pin of an open (or closed) round: other versions for some of its workflows, forms, templates or its
/// rule set. Running cases of that round only are previewed per step and, when asked, migrated — never another
/// round's. Nothing changes when a version does not exist or a case would be stranded.
/// </summary>
public sealed class RoundPinning(LeadRunnerDb db, RoundDirectory directory, DefinitionCache definitions, WorkflowKind workflows,
    MigrateCases migrateCases, WriteTransactions writes, AuditLog audit)
{
    public sealed record PinChange(Dictionary<string, int>? Workflows, Dictionary<string, int>? Forms, Dictionary<string, int>? Templates,
        int? RulesVersion, bool Migrate, Dictionary<string, string>? StepMapping);

    /// <summary>Running cases of the round per step of a re-pinned workflow.</summary>
    public sealed record WorkflowImpact(string Workflow, int From, int To, IReadOnlyList<WorkflowKind.StepImpact> Steps);

    public abstract record Outcome
    {
        public sealed record Done(Round Round, IReadOnlyList<WorkflowImpact> Impacts) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
        public sealed record Blocked(string Message, IReadOnlyList<WorkflowImpact> Impacts) : Outcome;
    }

    public Task<Outcome> PreviewAsync(int year, PinChange change, CancellationToken ct = default) => RunAsync(year, change, "", apply: false, ct);

    public Task<Outcome> RepinAsync(int year, PinChange change, string user, CancellationToken ct = default) => RunAsync(year, change, user, apply: true, ct);

    private async Task<Outcome> RunAsync(int year, PinChange change, string user, bool apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await db.Rounds.FirstOrDefaultAsync(r => r.Year == year, ct) is not { } round)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。");
        }
        if (round.PinsJson is null)
        {
            return new Outcome.Conflict($"{round.Title}尚在筹备中，始终使用各项最新发布的版本，开放时才固定版本，无需重新固定。");
        }
        var errors = await MissingVersionsAsync(change, ct);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        var pins = RoundPins.FromJson(round.PinsJson);
        var mapping = change.StepMapping ?? [];
        var impacts = new List<WorkflowImpact>();
        foreach (var (id, version) in change.Workflows ?? [])
        {
            var from = pins.Workflows.GetValueOrDefault(id);
            if (from == version)
            {
                continue;
            }
            var definition = (await definitions.GetAsync(db, id, version))!;
            impacts.Add(new WorkflowImpact(id, from, version, await workflows.PreviewAsync(id, definition, mapping, year)));
        }
        if (!apply)
        {
            return new Outcome.Done(round, impacts);
        }
        if (change.Migrate)
        {
            var stranded = impacts.SelectMany(w => w.Steps.Where(s => !s.ExistsInNew && s.MappedTo is null).Select(s => $"“{w.Workflow}”的“{s.StepTitle}”（{s.Instances} 个案件）")).ToList();
            if (stranded.Count > 0)
            {
                return new Outcome.Blocked($"新版本删除或改名了 {year} 年度仍有案件所在的步骤：{string.Join("、", stranded)}。请为这些步骤指定新版本中的对应步骤后再固定。", impacts);
            }
        }

        var next = pins with
        {
            Workflows = Merge(pins.Workflows, change.Workflows),
            Forms = Merge(pins.Forms, change.Forms),
            Templates = Merge(pins.Templates, change.Templates),
            RulesVersion = change.RulesVersion ?? pins.RulesVersion,
        };
        // The pins and the migrated cases commit together, as one write transaction like any other transition.
        var outcome = await writes.RunAsync<Outcome>(async () =>
        {
            var before = round.PinsJson;
            round.PinsJson = next.ToJson();
            round.Revision++;
            audit.Record("重新固定年度批次版本", round.Title, before, round.PinsJson, change.Migrate ? "迁移本年度在办案件" : "在办案件保持原版本");
            try
            {
                await db.SaveChangesAsync(ct);
                if (change.Migrate)
                {
                    foreach (var impact in impacts)
                    {
                        var definition = (await definitions.GetAsync(db, impact.Workflow, impact.To))!;
                        await migrateCases.MigrateWithinAsync(impact.Workflow, impact.To, definition with { Version = impact.To }, mapping, year);
                    }
                }
                return new Outcome.Done(round, impacts);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome.Conflict($"{round.Title}或其案件刚被他人修改，未作任何更改，请刷新后重试。");
            }
        }, o => o is Outcome.Done, m => new Outcome.Conflict(m));
        if (outcome is not Outcome.Done)
        {
            return outcome;
        }
        directory.Invalidate();
        return new Outcome.Done(round, impacts);
    }

    private static Dictionary<string, int> Merge(Dictionary<string, int> current, Dictionary<string, int>? change)
    {
        var merged = new Dictionary<string, int>(current, StringComparer.Ordinal);
        foreach (var (key, version) in change ?? [])
        {
            merged[key] = version;
        }
        return merged;
    }

    /// <summary>Every named version must exist as published, each reported under its own path.</summary>
    private async Task<Dictionary<string, string[]>> MissingVersionsAsync(PinChange change, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        async Task RequireAsync(string kind, string path, Dictionary<string, int>? pins, Func<string, int, string> message)
        {
            foreach (var (key, version) in pins ?? [])
            {
                if (!await db.ArtifactVersions.Of(kind, key).AnyAsync(v => v.Version == version && v.State == VersionState.Published, ct))
                {
                    errors[$"{path}.{key}"] = [message(key, version)];
                }
            }
        }
        await RequireAsync(WorkflowKind.Kind, "workflows", change.Workflows, (id, version) => $"流程“{id}”没有已发布（未撤回）的版本 {version}。");
        await RequireAsync(FormKind.Kind, "forms", change.Forms, (key, version) => $"表单“{key}”没有已发布的版本 {version}。");
        await RequireAsync(TemplateKind.Kind, "templates", change.Templates, (key, version) => $"文书模板“{key}”没有第 {version} 版。");
        if (change.RulesVersion is { } rules && !await RuleKind.SetVersions(db.ArtifactVersions).ContainsAsync(rules, ct))
        {
            errors["rulesVersion"] = [$"认定条件规则集没有版本 {rules}。"];
        }
        return errors;
    }
}
