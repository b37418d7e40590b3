using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Regions;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Pages.CaseView;

/// <summary>
/// A case as reviewers read it: the enterprise and round, the application as a page, the eligibility verdict, every
/// journal entry with the organisation that acted and the review form it sent, the current deadline, and the
/// confirmation of what the viewer has just done. Everything is read through the viewer's region filters.
/// </summary>
public sealed class CaseOverview(LeadRunnerDb db, DefinitionCache definitions, FormDefinitions forms, WorkingDayCalendar calendar, TimeProvider clock)
{
    public sealed record TimelineEntry(string At, CaseActors.Who Who, string ActionLabel, string? FromStep, string ToStep, string? Comment,
        string? FormTitle, IReadOnlyList<ReadSection> Form);

    public sealed record Deadline(string StepTitle, string Handler, string DueDate, string Status, bool Overdue);

    public sealed record View(string Round, string WorkflowTitle, string? EnterpriseName, string? Uscc, string? Region,
        string? ApplicationTitle, IReadOnlyList<ReadSection> Application, CaseEligibility? Eligibility,
        IReadOnlyList<TimelineEntry> Timeline, Deadline? Deadline, string? Banner);

    private sealed record FormInfo(FormDefinition Definition, FormReading Reading);

    public async Task<View> BuildAsync(InstancesApi.InstanceDto c, string? viewer, bool done, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        var definition = await definitions.GetAsync(db, c.DefinitionId, c.Version);
        var variables = c.Variables as JsonObject ?? [];
        var year = c.RoundYear ?? CaseYear.Of(variables);
        var enterprise = c.EnterpriseId is { } eid
            ? await db.Enterprises.AsNoTracking().Include(e => e.County!).ThenInclude(x => x.Unit).FirstOrDefaultAsync(e => e.Id == eid, ct)
            : null;

        // Each journal entry taken with a form carries that form's data as it was sent (its changed variable).
        var entries = c.Journal.Select(j => (Entry: j, Transition: definition?.Transitions.FirstOrDefault(t => t.From == j.FromStep && t.Key == j.Action)))
            .Select(x => (x.Entry, Form: x.Transition?.Form, Data: x.Transition?.Form is { } f ? SentData(x.Entry.ChangedVariables, CaseForms.VariableFor(f)) : null))
            .ToList();
        // The application: the form named after the workflow's subject, else the form the first step is completed with.
        var subject = definition?.Transitions.Any(t => t.Form == definition.Subject) == true ? definition.Subject
            : definition?.From(definition.Start).Select(t => t.Form).FirstOrDefault(f => f is not null);
        var application = subject is null ? null : variables[CaseForms.VariableFor(subject)] as JsonObject;
        var files = await FormReading.FilesAsync(db, entries.Select(e => (JsonNode?)e.Data).Append(application), ct);
        var loaded = new Dictionary<string, FormInfo?>(StringComparer.Ordinal);
        async Task<FormInfo?> FormAsync(string key)
        {
            if (!loaded.TryGetValue(key, out var info))
            {
                var form = await forms.ForRoundAsync(db, key, year, ct);
                info = form is null ? null : new FormInfo(form.Definition, FormReading.For(form.Json, files));
                loaded[key] = info;
            }
            return info;
        }

        var applicationForm = subject is null ? null : await FormAsync(subject);
        var who = await CaseActors.ResolveAsync(db, c.Journal.Select(j => j.Actor), ct);
        string StepTitle(string? id) => id is null ? "" : definition?.Step(id)?.Title ?? id;
        var timeline = new List<TimelineEntry>(entries.Count);
        foreach (var (entry, formKey, data) in entries)
        {
            // The application itself is shown in full above; review forms (the county's opinion, the city's rank) go in the record.
            var info = formKey is not null && formKey != subject && data is not null ? await FormAsync(formKey) : null;
            timeline.Add(new TimelineEntry(When(entry.At), CaseActors.Of(who, entry.Actor), entry.ActionLabel, entry.FromStep is null ? null : StepTitle(entry.FromStep),
                StepTitle(entry.ToStep), entry.Comment, info?.Definition.Title, info is null ? [] : info.Reading.Read(info.Definition, data!)));
        }

        return new View(
            year is { } y ? $"{y}年度" : "",
            definition?.Title ?? c.DefinitionId,
            enterprise?.Name, enterprise?.Uscc,
            enterprise?.County is { } county ? $"{county.CityName}{(county.Name == county.CityName ? "" : county.Name)}" : null,
            applicationForm?.Definition.Title,
            applicationForm is null || application is null ? [] : applicationForm.Reading.Read(applicationForm.Definition, application),
            CaseEligibility.Read(variables),
            timeline,
            await DeadlineAsync(c, definition, enterprise, ct),
            done && viewer is not null ? Banner(c, definition, subject, viewer, StepTitle) : null);
    }

    private static JsonObject? SentData(string? changed, string variable)
    {
        try
        {
            return changed is null ? null : JsonNode.Parse(changed)?[variable]?["to"] as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string When(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What the viewer's latest action on the case did and where the case went, stated after the redirect.</summary>
    private static string? Banner(InstancesApi.InstanceDto c, WorkflowDefinition? definition, string? subject, string viewer, Func<string?, string> stepTitle)
    {
        var last = c.Journal.LastOrDefault(j => j.Actor == viewer);
        if (last is null)
        {
            return null;
        }
        var transition = definition?.Transitions.FirstOrDefault(t => t.From == last.FromStep && t.Key == last.Action);
        var to = stepTitle(last.ToStep);
        if (subject is not null && transition?.Form == subject)
        {
            return $"申报材料已提交，已转至{to}。提交时间：{When(last.At)}。";
        }
        return definition?.Step(last.ToStep)?.Kind == StepKind.Terminal
            ? $"已办理：{last.ActionLabel}。案件已办结（{to}）。办理时间：{When(last.At)}。"
            : $"已办理：{last.ActionLabel}。案件已转至 {to}。办理时间：{When(last.At)}。";
    }

    /// <summary>The current step's deadline (its open task's, or the timer's for a waiting step) and the working days left or overdue.</summary>
    private async Task<Deadline?> DeadlineAsync(InstancesApi.InstanceDto c, WorkflowDefinition? definition, Enterprise? enterprise, CancellationToken ct)
    {
        if (c.Status != "running")
        {
            return null;
        }
        var task = c.OpenTasks.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt).FirstOrDefault();
        var due = task?.DueAt;
        if (due is null)
        {
            due = await db.Timers.AsNoTracking()
                .Where(t => t.InstanceId == c.Id && t.StepId == c.CurrentStep && t.Status == TimerStatus.Pending)
                .Select(t => (DateTimeOffset?)t.DueAt).OrderBy(d => d).FirstOrDefaultAsync(ct);
        }
        if (due is not { } dueAt)
        {
            return null;
        }
        var role = task?.Role ?? definition?.Step(c.CurrentStep)?.Assignee?.Role;
        var handler = role switch
        {
            Roles.Enterprise => enterprise?.Name ?? "申报企业",
            Roles.County => enterprise?.County is { } county ? Offices.OfCounty(county) : Roles.ChineseNames[Roles.County],
            Roles.City => enterprise?.County?.Unit is { } unit ? Offices.OfUnit(unit.Code, unit.Name) : Roles.ChineseNames[Roles.City],
            Roles.Province => Offices.Province,
            _ => "系统（到期自动办理）",
        };
        // A deadline is the start of the day after the last day (Deadlines): the last day is the day before.
        var lastDay = DateOnly.FromDateTime(dueAt.AddSeconds(-1).ToChina().DateTime);
        var today = clock.GetUtcNow().TodayIn();
        var (status, overdue) = today <= lastDay
            ? (WorkingDays(today, lastDay) is var left and > 0 ? $"剩余 {left} 个工作日" : "期限前已无工作日", false)
            : ($"已逾期 {WorkingDays(lastDay.AddDays(1), today)} 个工作日", true);
        return new Deadline(definition?.Step(c.CurrentStep)?.Title ?? c.CurrentStep, handler, lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status, overdue);
    }

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included (counted up to a year).</summary>
    private int WorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day <= to && day < from.AddDays(366); day = day.AddDays(1))
        {
            count += calendar.IsWorkingDay(day) ? 1 : 0;
        }
        return count;
    }
}
