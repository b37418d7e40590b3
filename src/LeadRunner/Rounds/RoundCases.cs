using LeadRunner.Workflow.Runtime;

namespace LeadRunner.Rounds;

/// <summary>Which running cases a version change may move: one definition of it for the preview and for the migration.</summary>
public static class RoundCases
{
    /// <summary>
    /// A re-pin moves the cases of its own round only. Publishing moves only cases whose round follows the newest
    /// versions (a draft round) or that belong to no round: a frozen round never changes by a publish.
    /// </summary>
    public static IQueryable<WorkflowInstance> Movable(this IQueryable<WorkflowInstance> cases, RoundDirectory rounds, int? roundYear)
    {
        if (roundYear is { } year)
        {
            return cases.Where(i => i.RoundYear == year);
        }
        var frozen = rounds.All.Where(r => r.Pins is not null).Select(r => (int?)r.Year).ToList();
        return cases.Where(i => i.RoundYear == null || !frozen.Contains(i.RoundYear));
    }
}
