namespace LeadRunner.Publicity;

/// <summary>
/// Where the recognition workflow meets the round's collective acts: the steps a case waits at and the actions the
/// acts take on it. A workflow that renames them makes the acts refuse its cases, naming the step.
/// </summary>
public static class RoundActs
{
    /// <summary>Passed the province's review, waiting to be announced in a 公示 batch.</summary>
    public const string AwaitingPublicity = "shortlisted";

    /// <summary>Announced: in its 公示, then waiting for the final list.</summary>
    public const string InPublicity = "publicity";

    public const string Publicize = "publicize";
    public const string Authorize = "authorize";
    public const string Uphold = "uphold";

    /// <summary>Actions taken for a whole batch on the round's pages, never one case at a time on the case page.</summary>
    public static bool IsCollective(string action) => action is Publicize or Authorize or Uphold;

    /// <summary>The outcome of an act over several cases.</summary>
    public abstract record Outcome
    {
        public sealed record Published(Cms.SiteItem Item, DateOnly Start, DateOnly End, int Cases) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Conflict(string Message, IReadOnlyList<string>? Cases = null) : Outcome;

        public static Invalid Field(string field, string message) => new(new() { [field] = [message] });
    }
}
