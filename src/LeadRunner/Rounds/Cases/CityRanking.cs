using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Cases;

/// <summary>
/// 工作指南: the city ranks the enterprises it recommends and reports them before its deadline. Its cases waiting for
/// the recommendation are listed with their key figures; the whole batch is checked first, then each case's task
/// is completed with its rank through the engine, which keeps its own deadline and form checks.
/// </summary>
public sealed class CityRanking(LeadRunnerDb db, CompleteTask completeTask, DeadlinePolicy deadlines, ProgrammeSettings programmes,
    RoundDirectory rounds, DefinitionCache definitions, TextLimits limits)
{
    public const string Action = "recommend";
    public const string DeadlineStage = "city";
    public const int MaxBatch = 500;

    public sealed record Figures(decimal? Revenue, decimal? Profit, decimal? Tax, decimal? RdExpense, decimal? RdRatio, decimal? MarketShare,
        int? ClusterRank, int? ClusterSize, string Categories);

    /// <summary>A waiting case; <see cref="FailedRules"/> are the basic conditions it fails (special ones need only one to pass).</summary>
    public sealed record Candidate(long CaseId, long TaskId, string Name, string Uscc, string County, bool? Eligible,
        IReadOnlyList<string> FailedRules, Figures Figures, int? PreviousRank);

    /// <summary>The city's waiting cases (previous rank first, then by name), the stage's deadline and why it refuses now, if it does.</summary>
    public sealed record Batch(string UnitCode, string StepTitle, DateOnly? Deadline, string? Refusal, IReadOnlyList<Candidate> Candidates);

    public sealed record Request(IReadOnlyList<long>? CaseIds, string? Opinion, IReadOnlyDictionary<string, string>? Opinions);

    /// <summary>How many cases the batch reported.</summary>
    public sealed record Ranked(int Submitted);

    public abstract record Outcome
    {
        public sealed record Done(int Submitted) : Outcome;
        public sealed record Refused(TransitionOutcome Reason) : Outcome;
    }

    /// <summary>The batch of the signed-in city officer, or null for anyone else or a round without the recommendation step.</summary>
    public async Task<Batch?> LoadAsync(int year, CancellationToken ct)
    {
        if (db.Scope is not { Role: Roles.City, UnitCode: { } unit } || await RecommendStepAsync(year) is not { } step)
        {
            return null;
        }
        var rows = await WaitingTasks(year, unit, step.Id)
            .Select(t => new { TaskId = t.Id, t.InstanceId, t.Instance!.Enterprise!.Name, t.Instance.Enterprise.Uscc, County = t.Instance.Enterprise.County!.Name, t.Instance.VariablesJson })
            .ToListAsync(ct);
        var candidates = rows.Select(r =>
        {
            var variables = RecommendedCases.ParseObject(r.VariablesJson) ?? [];
            var eligibility = variables["eligibility"] as JsonObject;
            var failed = (eligibility?["rules"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(rule => rule["group"]?.ToString() == RuleGroups.Basic && rule["result"]?.ToString() == EligibilityEvaluator.Fail)
                .Select(rule => rule["title"]?.ToString() ?? "").ToList();
            var eligible = eligibility?["eligible"] is JsonValue flag && flag.TryGetValue<bool>(out var yes) ? yes : (bool?)null;
            return new Candidate(r.InstanceId, r.TaskId, r.Name, r.Uscc, r.County, eligible, failed, FiguresOf(variables["application"] as JsonObject ?? []),
                RecommendedCases.Rank(variables));
        }).OrderBy(c => c.PreviousRank ?? int.MaxValue).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.CaseId).ToList();
        var deadline = ProgrammeSettings.Read(programmes.ForYear(year), $"deadlines.{DeadlineStage}") is { } node
            && DateOnly.TryParseExact(node.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        return new Batch(unit, step.Title, deadline, await deadlines.RefusalAsync(year, DeadlineStage, null, unit), candidates);
    }

    /// <summary>Checks the whole batch, then recommends each case in order; the first refusal stops it and says how far it got.</summary>
    public async Task<Outcome> SubmitAsync(int year, Request request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Scope is not { Role: Roles.City, UnitCode: { } unit })
        {
            return Refuse(new TransitionOutcome.Forbidden("只有市级工信部门可以报送推荐排序。"));
        }
        var ids = request.CaseIds ?? [];
        if (ids.Count == 0 || ids.Count > MaxBatch)
        {
            return Refuse(new TransitionOutcome.Invalid("caseIds", $"请按推荐顺序列出要报送的案件（1 到 {MaxBatch} 件）。"));
        }
        if (ids.Distinct().Count() != ids.Count)
        {
            return Refuse(new TransitionOutcome.Invalid("caseIds", "同一案件在推荐排序中出现了不止一次。"));
        }
        var opinions = new Dictionary<long, string>();
        foreach (var id in ids)
        {
            var opinion = (request.Opinions?.GetValueOrDefault(id.ToString(CultureInfo.InvariantCulture)) ?? request.Opinion)?.Trim();
            if (string.IsNullOrEmpty(opinion))
            {
                return Refuse(new TransitionOutcome.Invalid("opinion", "请填写推荐意见。"));
            }
            if (limits.Comment("opinion", opinion) is { } tooLong)
            {
                return Refuse(new TransitionOutcome.Invalid("opinion", tooLong));
            }
            opinions[id] = opinion;
        }
        if (await RecommendStepAsync(year) is not { } step)
        {
            return Refuse(new TransitionOutcome.NotFound($"{year} 年度批次不存在，或其流程中没有市级推荐环节。"));
        }
        if (await deadlines.RefusalAsync(year, DeadlineStage, null, unit) is { } late)
        {
            return Refuse(new TransitionOutcome.Conflict(late));
        }
        var waiting = await WaitingTasks(year, unit, step.Id).Select(t => new { t.Id, t.InstanceId, t.Instance!.Enterprise!.Name }).ToListAsync(ct);
        var unknown = ids.Where(id => waiting.All(w => w.InstanceId != id)).ToList();
        if (unknown.Count > 0)
        {
            return Refuse(new TransitionOutcome.Conflict(
                $"案件 {string.Join("、", unknown)} 不在本单位的“{step.Title}”环节（可能已被办理或退回），请刷新页面后重新排序。"));
        }
        var missing = waiting.Where(w => !ids.Contains(w.InstanceId)).Select(w => w.Name).ToList();
        if (missing.Count > 0)
        {
            return Refuse(new TransitionOutcome.Conflict(
                $"推荐排序须包括本单位全部待推荐企业，缺少：{string.Join("、", missing)}。不予推荐的企业请先在案件页面办理“不予推荐”或“退回县级”。"));
        }
        // A later batch continues the unit's numbering, so that two batches never both have a first place.
        var before = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == CaseChoices.DefinitionId && i.RoundYear == year && i.Enterprise!.County!.UnitCode == unit
                && i.CurrentStep != step.Id && i.Outcome != "rejected")
            .MaxAsync(i => SqlJson.Number(i.VariablesJson, "$.cityRank"), ct) ?? 0;
        var submitted = 0;
        foreach (var id in ids)
        {
            var task = waiting.Single(w => w.InstanceId == id);
            var data = new JsonObject { ["rank"] = before + submitted + 1, ["opinion"] = opinions[id] };
            var outcome = await completeTask.CompleteAsync(task.Id, Action, null, data, actor);
            if (outcome is not TransitionOutcome.Done)
            {
                var prefix = submitted > 0 ? $"已报送前 {submitted} 家；" : "";
                return Refuse(outcome switch
                {
                    TransitionOutcome.Invalid invalid => invalid with { Message = $"{prefix}{task.Name}未能报送：{invalid.Message}" },
                    TransitionOutcome.Conflict conflict => new TransitionOutcome.Conflict($"{prefix}{task.Name}未能报送：{conflict.Message}"),
                    _ => outcome,
                });
            }
            submitted++;
        }
        return new Outcome.Done(submitted);
    }

    public static async Task<Results<Ok<Ranked>, ProblemHttpResult, ValidationProblem>> Post(int year, Request request, CityRanking ranking, HttpContext http, CancellationToken ct) =>
        await ranking.SubmitAsync(year, request, Actor.From(http.User), ct) switch
        {
            Outcome.Done done => TypedResults.Ok(new Ranked(done.Submitted)),
            Outcome.Refused refused => TasksApi.Refuse<Ok<Ranked>>(refused.Reason),
            _ => throw new InvalidOperationException(),
        };

    /// <summary>The step where the city recommends: found in the round's workflow, not assumed.</summary>
    private async Task<StepDefinition?> RecommendStepAsync(int year)
    {
        var version = rounds.WorkflowVersion(year, CaseChoices.DefinitionId) ?? await DefinitionCache.CurrentVersionAsync(db, CaseChoices.DefinitionId);
        if (rounds.Find(year) is null || version is null || await definitions.GetAsync(db, CaseChoices.DefinitionId, version.Value) is not { } workflow)
        {
            return null;
        }
        return workflow.Transitions.Where(t => t.Key == Action && t.Trigger == TriggerKind.Human)
            .Select(t => workflow.Step(t.From)).FirstOrDefault(s => s?.Assignee?.Role == Roles.City);
    }

    private IQueryable<HumanTask> WaitingTasks(int year, string unit, string step) =>
        db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && t.Role == Roles.City && t.UnitCode == unit && t.StepId == step
            && t.Instance!.RoundYear == year && t.Instance.DefinitionId == CaseChoices.DefinitionId && t.Instance.CurrentStep == step);

    private static Figures FiguresOf(JsonObject application)
    {
        // The application is filed in 万元, as the notice states its amounts.
        return new Figures(Number(application["revenue"]), Number(application["profit"]), Number(application["tax"]),
            Number(application["rdExpense"]), FilledData.RdRatio(application), Number(application["marketShare"]),
            RecommendedCases.WholeNumber(application["clusterRank"]), RecommendedCases.WholeNumber(application["clusterSize"]),
            string.Join("、", FilledData.SpecialCategories(application)));
    }

    private static decimal? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<decimal>(out var d) ? d : null;

    private static Outcome.Refused Refuse(TransitionOutcome reason) => new(reason);
}
