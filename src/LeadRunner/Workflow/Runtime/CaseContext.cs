using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Everything one transition works on, inside its database transaction; nothing is saved until it all succeeds.</summary>
public sealed class CaseContext
{
    public required LeadRunnerDb Db { get; init; }
    public required WorkflowInstance Instance { get; init; }
    public required WorkflowDefinition Definition { get; init; }
    public required JsonObject Variables { get; init; }
    public required CaseParty? Party { get; init; }
    public required JsonObject? Settings { get; init; }
    public required Actor Actor { get; init; }
    public required DateTimeOffset Now { get; init; }
    public JsonObject Input { get; set; } = [];

    /// <summary>Tasks opened by this transition.</summary>
    public List<HumanTask> OpenedTasks { get; } = [];

    /// <summary>Variables changed by this transition: name → (before, after), for the journal.</summary>
    public Dictionary<string, (JsonNode? Before, JsonNode? After)> Changes { get; } = [];

    /// <summary>Automatic steps entered in this transition, to stop a definition that loops forever.</summary>
    public int AutomaticDepth { get; set; }

    public void SetVariable(string name, JsonNode? value)
    {
        if (Definition.Variables.FirstOrDefault(v => v.Name == name) is { } declared && VariableTypes.Refusal(declared, value) is { } wrong)
        {
            // Thrown inside the transition: the engine rolls back and answers with the message.
            throw new Scripting.ScriptFailureException(wrong);
        }
        var before = Variables[name]?.DeepClone();
        Variables[name] = value?.DeepClone();
        Changes[name] = (Changes.TryGetValue(name, out var earlier) ? earlier.Before : before, value?.DeepClone());
    }

    /// <summary>What expressions and templates see: vars, settings, input, enterprise, instance and now.</summary>
    public IReadOnlyDictionary<string, object?> Globals() => new Dictionary<string, object?>
    {
        ["vars"] = Variables,
        ["settings"] = Settings ?? [],
        ["input"] = Input,
        ["enterprise"] = Party is null ? null : new JsonObject
        {
            ["id"] = Party.Id, ["name"] = Party.Name, ["uscc"] = Party.Uscc,
            ["countyCode"] = Party.CountyCode, ["countyName"] = Party.CountyName,
            ["unitCode"] = Party.UnitCode, ["unitName"] = Party.UnitName,
            ["cluster"] = Party.ClusterName, ["industry"] = Party.IndustryCategory,
        },
        ["instance"] = new JsonObject
        {
            ["id"] = Instance.Id, ["step"] = Instance.CurrentStep, ["title"] = Instance.Title,
            ["startedAt"] = Instance.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
        ["now"] = Hosting.ChinaTime.ToChina(Now).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        ["today"] = Hosting.ChinaTime.ToChina(Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
