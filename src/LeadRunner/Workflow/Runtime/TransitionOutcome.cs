namespace LeadRunner.Workflow.Runtime;

/// <summary>How a request to move a case ended; each failure carries a Chinese message and changed nothing.</summary>
public abstract record TransitionOutcome
{
    public sealed record Done(WorkflowInstance Instance) : TransitionOutcome
    {
        /// <summary>The tasks this transition opened (their ids are set once it is saved), so a client can go on to the next one.</summary>
        public IReadOnlyList<HumanTask> OpenedTasks { get; init; } = [];
    }

    public sealed record NotFound(string Message) : TransitionOutcome;
    public sealed record Forbidden(string Message) : TransitionOutcome;
    public sealed record Invalid(string Field, string Message) : TransitionOutcome
    {
        /// <summary>Problems per field (data path → message) when a form's data was refused.</summary>
        public IReadOnlyList<KeyValuePair<string, string>>? FieldErrors { get; init; }
    }

    public sealed record Conflict(string Message) : TransitionOutcome;

    /// <summary>Whether the transition happened, i.e. whether its transaction commits.</summary>
    public static bool Succeeded(TransitionOutcome outcome) => outcome is Done;

    /// <summary>The Chinese message of a failure (empty for <see cref="Done"/>).</summary>
    public string Reason => this switch
    {
        NotFound n => n.Message,
        Forbidden f => f.Message,
        Invalid i => i.Message,
        Conflict c => c.Message,
        _ => "",
    };
}
