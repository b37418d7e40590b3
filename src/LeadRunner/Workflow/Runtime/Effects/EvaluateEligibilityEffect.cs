using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Enterprises.Pool;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>
/// Checks the application's figures (the action's data) against the year's rules and stores the result with the
/// settings version it used, so the case keeps the verdict it was judged by. Missing figures are recorded as such.
/// Pool membership is the city's recorded decision, never what the application claims.
/// </summary>
public sealed class EvaluateEligibilityEffect(EligibilityEvaluator evaluator, ProgrammeYears years) : IEffect
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public EffectKind Kind => EffectKind.EvaluateEligibility;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var application = context.Input.Deserialize<EligibilityApplication>(Web) ?? new EligibilityApplication(null, null, null, null, null, null, null, null, null, null);
        var year = CaseYear.Of(context.Variables);
        var inPool = context.Party is { } party && await PoolStanding.IsMemberAsync(context.Db, party.Id);
        application = application with { Year = year, Industry = application.Industry ?? context.Party?.IndustryCategory, InCultivationPool = inPool };
        var outcome = evaluator.Check(application, years.Get(year));
        JsonNode? stored = outcome.Result is { } result
            ? JsonSerializer.SerializeToNode(result, Web)
            : new JsonObject { ["eligible"] = null, ["errors"] = JsonSerializer.SerializeToNode(outcome.Errors, Web) };
        context.SetVariable(effect.Variable!, stored);
    }
}
