using System.Text.Json.Serialization;

namespace LeadRunner.Workflow.Definitions;

/// <summary>
/// A workflow as administrators write it (workflows/*.workflow.json): variables, steps and the transitions
/// between them. Described for editors and the server by workflows/schema/workflow.schema.json.
/// </summary>
public sealed record WorkflowDefinition
{
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    public string Id { get; init; } = "";
    public int Version { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }

    /// <summary>What one instance is about, e.g. "application" (an enterprise's application).</summary>
    public string Subject { get; init; } = "application";

    /// <summary>Roles allowed to start an instance; the first step's role when empty. Administrators always may.</summary>
    public IReadOnlyList<string> Starters { get; init; } = [];

    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];
    public string Start { get; init; } = "";
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];
    public IReadOnlyList<TransitionDefinition> Transitions { get; init; } = [];

    public StepDefinition? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);
    public IEnumerable<TransitionDefinition> From(string stepId) => Transitions.Where(t => t.From == stepId);
}

public sealed record VariableDefinition
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "string";
    public string Title { get; init; } = "";
    public bool Required { get; init; }
    public System.Text.Json.Nodes.JsonNode? Default { get; init; }

    /// <summary>Bounds for integer and number variables, checked whenever the variable is given or set.</summary>
    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }

    /// <summary>For string variables; unset means <see cref="Runtime.VariableTypes.DefaultMaxLength"/>.</summary>
    public int? MaxLength { get; init; }
}

public enum StepKind
{
    HumanTask,
    Timer,
    Automatic,
    Terminal,
}

public sealed record StepDefinition
{
    public string Id { get; init; } = "";
    public StepKind Kind { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }

    /// <summary>For a human task: who receives the task.</summary>
    public Assignee? Assignee { get; init; }

    /// <summary>The form the assignee fills in (key of a form definition).</summary>
    public string? Form { get; init; }

    public DeadlineDefinition? Deadline { get; init; }

    /// <summary>Effects run when the step is entered (automatic steps run them and move on).</summary>
    public IReadOnlyList<EffectDefinition> Effects { get; init; } = [];

    /// <summary>For a terminal step: how the case ended, e.g. "approved", "rejected".</summary>
    public string? Outcome { get; init; }
}

/// <summary>A role and how it is narrowed to the instance's enterprise.</summary>
public sealed record Assignee
{
    public string Role { get; init; } = "";
    public ScopeRule Scope { get; init; } = ScopeRule.Province;
}

public enum ScopeRule
{
    /// <summary>The enterprise the instance is about, itself.</summary>
    Applicant,
    /// <summary>The county bureau of the enterprise's county.</summary>
    ApplicantCounty,
    /// <summary>The city bureau of the enterprise's reporting unit.</summary>
    ApplicantUnit,
    /// <summary>Anyone with the role at the province.</summary>
    Province,
}

public enum DeadlineKind
{
    /// <summary>An absolute date read from the programme settings (end of that day, Asia/Shanghai).</summary>
    Setting,
    WorkingDays,
    CalendarDays,

    /// <summary>
    /// A date held by a case variable (end of that day, Asia/Shanghai), plus <see cref="DeadlineDefinition.Days"/> or
    /// <see cref="DeadlineDefinition.DaysSetting"/> calendar days when given: a due date the case itself knows, e.g. a quarter's update.
    /// </summary>
    Variable,
}

public enum ExpiryAction
{
    Remind,
    Escalate,
    Transition,
}

public sealed record DeadlineDefinition
{
    public DeadlineKind Kind { get; init; }

    /// <summary>For <see cref="DeadlineKind.Setting"/>: the settings path of the date, e.g. "deadlines.city".</summary>
    public string? Setting { get; init; }

    /// <summary>For <see cref="DeadlineKind.Variable"/>: the case variable (date or "yyyy-MM-dd" text) holding the last day.</summary>
    public string? Variable { get; init; }

    /// <summary>Number of days (for <see cref="DeadlineKind.Variable"/>: calendar days after the variable's date, optional); or <see cref="DaysSetting"/> names the setting holding it.</summary>
    public int? Days { get; init; }
    public string? DaysSetting { get; init; }

    public ExpiryAction OnExpiry { get; init; } = ExpiryAction.Remind;

    /// <summary>For <see cref="ExpiryAction.Transition"/>: the key of the transition taken.</summary>
    public string? Transition { get; init; }
}

public enum TriggerKind
{
    /// <summary>A person takes it from a task or the case page.</summary>
    Human,
    /// <summary>Taken by the step's deadline (see <see cref="ExpiryAction.Transition"/>).</summary>
    Timer,
    /// <summary>Taken at once when an automatic step is entered; the first whose guard passes.</summary>
    Auto,
}

public sealed record TransitionDefinition
{
    public string Key { get; init; } = "";
    public string Label { get; init; } = "";
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public TriggerKind Trigger { get; init; } = TriggerKind.Human;

    /// <summary>Who may take it; defaults to the from-step's assignee.</summary>
    public string? Role { get; init; }
    public ScopeRule? Scope { get; init; }

    /// <summary>A Scriban expression over vars, settings and input that must be true.</summary>
    public string? Guard { get; init; }

    /// <summary>Message shown when the guard is false.</summary>
    public string? GuardMessage { get; init; }

    /// <summary>Inputs the person must give, e.g. "comment" to return or reject.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    public string? Form { get; init; }
    public IReadOnlyList<EffectDefinition> Effects { get; init; } = [];

    /// <summary>The year's deadline this action must meet (enterprise, county or city): 逾期不予受理 unless extended.</summary>
    public string? EnforceDeadline { get; init; }
}

public enum EffectKind
{
    SetVariable,
    Notify,
    PublishSiteItem,
    StartWorkflow,
    /// <summary>Checks the action's application figures against the year's eligibility rules into a variable.</summary>
    EvaluateEligibility,

    /// <summary>Issues a filled document (e.g. the certificate) with a verification code, recorded in a variable.</summary>
    RenderDocument,

    /// <summary>Records the city's pool-entry decision (<see cref="EffectDefinition.Decision"/>) for the case's enterprise.</summary>
    RecordPoolDecision,

    /// <summary>Makes the case's enterprise a holder of the case's year's title (Holders/), with its certificate.</summary>
    GrantTitle,

    /// <summary>Renews, ends or revokes the case's holder (<see cref="EffectDefinition.Decision"/>: renewed, expired, revoked).</summary>
    RecordTitleDecision,

    /// <summary>Marks the holder's obligation this case fulfils (a quarter's update, a filing, a re-review) as done.</summary>
    FulfilObligation,

    /// <summary>Records the holder's change filing (name change, reorganisation, merger) in its history.</summary>
    RecordChangeFiling,

    /// <summary>Registers the case's support claim, its amount computed by the round's support calculator.</summary>
    RecordSupportClaim,

    /// <summary>Decides the case's support claim (<see cref="EffectDefinition.Decision"/>: approved or rejected).</summary>
    DecideSupportClaim,

    /// <summary>
    /// Opens a revocation case against the case's holder on a ground of 第十六条 (<see cref="EffectDefinition.Ground"/>),
    /// its facts from <see cref="EffectDefinition.Message"/>: an update missing past its grace, a change filed late.
    /// </summary>
    RaiseRevocation,
}

/// <summary>The decisions recordTitleDecision and decideSupportClaim effects record, as written in definitions.</summary>
public static class HolderDecisionNames
{
    public const string Renewed = "renewed";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>The decisions a recordPoolDecision effect records, as written in definitions.</summary>
public static class PoolDecisionNames
{
    public const string Admitted = "admitted";
    public const string NotAdmitted = "notAdmitted";
}

/// <summary>
/// Something a transition or step does. Which fields apply depends on <see cref="Kind"/>; text fields are Scriban
/// templates and <see cref="Value"/> is a Scriban expression.
/// </summary>
public sealed record EffectDefinition
{
    public EffectKind Kind { get; init; }

    // setVariable
    public string? Variable { get; init; }
    public string? Value { get; init; }

    // notify
    public Assignee? To { get; init; }
    public string? Title { get; init; }
    public string? Message { get; init; }

    // publishSiteItem
    public string? Section { get; init; }
    public string? Body { get; init; }

    // startWorkflow
    public string? Workflow { get; init; }

    // renderDocument
    public string? Template { get; init; }

    // recordPoolDecision: admitted or notAdmitted; recordTitleDecision: renewed, expired or revoked; decideSupportClaim: approved or rejected
    public string? Decision { get; init; }

    // raiseRevocation: falsification, violation, noReport or lateChange (Holders.RevocationGrounds)
    public string? Ground { get; init; }
}
