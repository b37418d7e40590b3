using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// A holder's quarterly updates (第十五条) for itself and its staff (scoped): each quarter owed with its due date and
/// state, every filing side by side with the changes from the quarter before marked, and, for a listed company, the
/// disclosure date of a quarterly report to record.
/// </summary>
[Authorize(Roles = $"{Roles.Enterprise},{Roles.County},{Roles.City},{Roles.Province}")]
public sealed class HolderQuarterlyModel(LeadRunnerDb db, QuarterlyFilings filings, DefinitionCache definitions, TimeProvider clock) : PageModel
{
    public sealed record QuarterRow(string Period, string Title, string DueDate, string? DisclosureDate, string Status, string StatusTitle, long? CaseId, string? Step, bool Open);

    /// <summary>One field across the filings: its value in each (null when not given) and whether it changed from the filing before.</summary>
    public sealed record FieldRow(string Label, IReadOnlyList<(string? Text, bool Changed)> Cells);

    public HolderLookup.Visible Enterprise { get; private set; } = null!;
    public TitleHolder? Holder { get; private set; }
    public IReadOnlyList<QuarterRow> Quarters { get; private set; } = [];
    public IReadOnlyList<QuarterlyFilings.Filing> Filings { get; private set; } = [];
    public IReadOnlyList<FieldRow> Fields { get; private set; } = [];

    /// <summary>Quarters ended and not yet filed, for the disclosure form of a listed holder.</summary>
    public IReadOnlyList<QuarterPeriod> Disclosable { get; private set; } = [];
    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string uscc, CancellationToken ct)
    {
        if (HolderLookup.Malformed(uscc) is not null || await HolderLookup.FindAsync(db, uscc, ct) is not { } enterprise)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        var today = clock.TodayInChina();
        Today = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Holder = await db.TitleHolders.AsNoTracking().Where(h => h.EnterpriseId == enterprise.EnterpriseId)
            .OrderBy(h => h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview ? 0 : 1).ThenByDescending(h => h.Year).FirstOrDefaultAsync(ct);

        var obligations = await db.Obligations.AsNoTracking()
            .Where(o => o.EnterpriseId == enterprise.EnterpriseId && o.Kind == ObligationKind.QuarterlyUpdate).ToListAsync(ct);
        var caseIds = obligations.Where(o => o.InstanceId is not null).Select(o => o.InstanceId!.Value).ToList();
        var cases = await db.WorkflowInstances.AsNoTracking().Where(i => caseIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var rows = new List<QuarterRow>();
        foreach (var o in obligations.OrderByDescending(o => o.Period, StringComparer.Ordinal))
        {
            var title = QuarterPeriod.TryParse(o.Period, out var quarter) ? quarter.Title : o.Period;
            var instance = o.InstanceId is { } id ? cases.GetValueOrDefault(id) : null;
            var step = instance is null ? null : (await definitions.GetAsync(db, instance.DefinitionId, instance.Version))?.Step(instance.CurrentStep)?.Title ?? instance.CurrentStep;
            var status = o.StatusOn(today);
            rows.Add(new QuarterRow(o.Period, title, Day(o.DueDate), o.DisclosureDate is { } d ? Day(d) : null, status,
                ObligationsApi.StatusTitle(status), o.InstanceId, step, instance?.Status == InstanceStatus.Running));
        }
        Quarters = rows;

        Filings = await filings.OfEnterpriseAsync(enterprise.EnterpriseId, ct);
        Fields = Matrix(Filings);
        if (Holder is { Listed: true, IsCurrent: true } holder)
        {
            var done = obligations.Where(o => o.DoneAt is not null).Select(o => o.Period).ToHashSet();
            Disclosable = [.. QuarterPeriod.EndedBetween(holder.GrantedOn, today).Where(q => !done.Contains(q.ToString())).Reverse()];
        }
        return Page();
    }

    /// <summary>Rows are the fields in the newest filing's order (then older ones'); a cell changed when it differs from the column before.</summary>
    private static List<FieldRow> Matrix(IReadOnlyList<QuarterlyFilings.Filing> filings)
    {
        var keys = filings.Reverse().SelectMany(f => f.Fields).GroupBy(f => f.Key).Select(g => (g.Key, g.First().Label)).ToList();
        return [.. keys.Select(k => new FieldRow(k.Label, filings.Select((f, i) =>
        {
            var text = f.Fields.FirstOrDefault(x => x.Key == k.Key)?.Text;
            var changed = i > 0 && f.Changes.Any(c => c.Key == k.Key);
            return (text, changed);
        }).ToList()))];
    }

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Badge(string status) => status switch
    {
        "done" => "bg-success",
        "overdue" => "bg-danger",
        _ => "bg-secondary",
    };
}
