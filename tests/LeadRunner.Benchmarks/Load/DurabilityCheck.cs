using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// After a kill and a restart: every acknowledged submission is in the database as a whole (the case at the county
/// step, its journal entry, the enterprise's task completed and the county's opened, the filed form, the county's
/// notification and its mail in the outbox); every unacknowledged one is either that whole or entirely absent.
/// </summary>
public static class DurabilityCheck
{
    public sealed record Report(int AcknowledgedPresent, int AcknowledgedMissing, int UnacknowledgedCommitted, int UnacknowledgedAbsent, List<string> Problems);

    private sealed record CaseState(long Id, string Step, bool SubmitJournaled, int SubmitJournalEntries, bool EnterpriseTaskOpen, bool EnterpriseTaskCompleted,
        bool CountyTaskOpen, bool FormFiled, bool CountyNotified, bool MailQueued, bool EligibilityRecorded);

    public static async Task<Report> RunAsync(LoadDatabase database, IReadOnlyList<SubmissionRun.Result> results)
    {
        await using var db = database.Open();
        var ids = results.Select(r => r.Applicant.CaseId).ToList();
        var states = new Dictionary<long, CaseState>();
        foreach (var chunk in ids.Chunk(500))
        {
            var instances = await db.WorkflowInstances.IgnoreQueryFilters().Where(i => chunk.Contains(i.Id))
                .Select(i => new { i.Id, i.CurrentStep, i.VariablesJson }).ToListAsync();
            var tasks = await db.Tasks.IgnoreQueryFilters().Where(t => chunk.Contains(t.InstanceId)).Select(t => new { t.InstanceId, t.StepId, t.Status }).ToListAsync();
            var journal = await db.Journal.IgnoreQueryFilters().Where(j => chunk.Contains(j.InstanceId) && j.Action == "submit")
                .Select(j => new { j.InstanceId, j.FromStep, j.ToStep }).ToListAsync();
            var subjects = chunk.Select(CaseForms.DraftSubject).ToList();
            var forms = await db.FormSubmissions.IgnoreQueryFilters().Where(f => f.FormKey == "application" && subjects.Contains(f.Subject)).Select(f => f.Subject).ToListAsync();
            var notified = await db.Notifications.IgnoreQueryFilters().Where(n => n.InstanceId != null && chunk.Contains(n.InstanceId.Value) && n.Role == "county")
                .Select(n => n.InstanceId!.Value).ToListAsync();
            var mails = await db.OutgoingMails.IgnoreQueryFilters().Where(m => m.InstanceId != null && chunk.Contains(m.InstanceId.Value)).Select(m => m.InstanceId!.Value).ToListAsync();
            foreach (var i in instances)
            {
                var own = tasks.Where(t => t.InstanceId == i.Id).ToList();
                var entries = journal.Where(j => j.InstanceId == i.Id && j.FromStep == "submission" && j.ToStep == "countyReview").ToList();
                states[i.Id] = new CaseState(i.Id, i.CurrentStep, entries.Count > 0, entries.Count,
                    own.Any(t => t.StepId == "submission" && t.Status == HumanTaskStatus.Open),
                    own.Any(t => t.StepId == "submission" && t.Status == HumanTaskStatus.Completed),
                    own.Any(t => t.StepId == "countyReview" && t.Status == HumanTaskStatus.Open),
                    forms.Contains(CaseForms.DraftSubject(i.Id)), notified.Contains(i.Id), mails.Contains(i.Id),
                    i.VariablesJson.Contains("\"eligibility\"", StringComparison.Ordinal));
            }
        }

        var problems = new List<string>();
        int present = 0, missing = 0, committed = 0, absent = 0;
        foreach (var result in results)
        {
            var id = result.Applicant.CaseId;
            if (!states.TryGetValue(id, out var s))
            {
                problems.Add($"案件 {id} 不存在");
                continue;
            }
            var whole = s is { Step: "countyReview", SubmitJournaled: true, SubmitJournalEntries: 1, EnterpriseTaskOpen: false, EnterpriseTaskCompleted: true,
                CountyTaskOpen: true, FormFiled: true, CountyNotified: true, EligibilityRecorded: true };
            var untouched = s is { Step: "submission", SubmitJournaled: false, EnterpriseTaskOpen: true, EnterpriseTaskCompleted: false, CountyTaskOpen: false,
                FormFiled: false, CountyNotified: false, MailQueued: false };
            if (result.Status == 200)
            {
                if (whole)
                {
                    present++;
                }
                else
                {
                    missing++;
                    problems.Add($"已确认的案件 {id} 不完整：{s}");
                }
            }
            else if (whole)
            {
                committed++;
            }
            else if (untouched)
            {
                absent++;
            }
            else
            {
                problems.Add($"未确认的案件 {id} 只写了一部分：{s}");
            }
        }
        return new Report(present, missing, committed, absent, problems);
    }
}
