using System.Globalization;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// POST /api/rounds/import (and /preview): a round file becomes a draft round of this installation. Everything goes
/// through the stores that publish by hand, in one transaction: on any refusal nothing at all is created.
/// </summary>
public sealed class RoundImport(LeadRunnerDb db, RoundImportPlanner planner, ProgrammeStore programmes, ArtifactStore store, WorkflowKind workflows,
    TemplateKind templates, RuleKind rules, CalendarEditor calendar, AuditLog audit, RoundCaches caches)
{
    public abstract record Outcome
    {
        public sealed record Done(RoundImportPlanner.Plan Plan) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
    }

    public sealed record Imported(RoundsApi.RoundDto Round, RoundImportPlanner.Plan Plan);

    /// <summary>The multipart form the file comes in, as the description names it; the handlers read the form themselves, to say in Chinese what is missing.</summary>
    public sealed record RoundFile(IFormFile File);

    public static async Task<Results<Ok<RoundImportPlanner.Plan>, ValidationProblem>> Preview(HttpRequest request, string? @as, RoundImportPlanner planner, CancellationToken ct)
    {
        var (bundle, year, errors) = await ReadAsync(request, @as, ct);
        return bundle is null ? ApiProblems.Invalid(errors) : TypedResults.Ok((await planner.PlanAsync(bundle, year, ct)).Plan);
    }

    public static async Task<Results<Created<Imported>, ValidationProblem, ProblemHttpResult>> Post(HttpRequest request, string? @as, RoundImport import, LeadRunnerDb db, ProgrammeSettings settings, HttpContext http, CancellationToken ct)
    {
        var (bundle, year, errors) = await ReadAsync(request, @as, ct);
        if (bundle is null)
        {
            return ApiProblems.Invalid(errors);
        }
        var file = request.Form.Files.GetFile("file")?.FileName ?? "";
        return await import.ImportAsync(bundle, year, http.User.Identity!.Name!, Path.GetFileName(file), ct) switch
        {
            Outcome.Done done => TypedResults.Created($"/api/rounds/{done.Plan.Year}", new Imported(
                await RoundsApi.DescribeAsync(await db.Rounds.AsNoTracking().FirstAsync(r => r.Year == done.Plan.Year, ct), db, settings), done.Plan)),
            Outcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
            Outcome.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<(RoundBundle? Bundle, int? Year, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, string? asText, CancellationToken ct)
    {
        int? year = null;
        if (!string.IsNullOrWhiteSpace(asText))
        {
            if (!int.TryParse(asText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2020 or > 2100)
            {
                return (null, null, new() { ["as"] = [$"“导入为年度”应为 2020～2100 之间的年份，“{asText}”不是。"] });
            }
            year = y;
        }
        var (bundle, errors) = await RoundBundle.ReadAsync(request, ct);
        return (bundle, year, errors);
    }

    public async Task<Outcome> ImportAsync(RoundBundle bundle, int? asYear, string user, string fileName, CancellationToken ct = default)
    {
        var prepared = await planner.PlanAsync(bundle, asYear, ct);
        var plan = prepared.Plan;
        if (plan.Exists)
        {
            return new Outcome.Conflict(plan.Conflicts[0]);
        }
        if (!plan.CanImport)
        {
            return new Outcome.Invalid(plan.Errors());
        }
        var note = fileName.Length > 0 ? $"从年度批次文件 {fileName} 导入（{plan.SourceYear} 年度）" : $"从年度批次文件导入（{plan.SourceYear} 年度）";
        var errors = new Dictionary<string, string[]>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Checked again under the write lock: another import or copy of the same year may have finished meanwhile.
        if (await db.Programmes.AnyAsync(p => p.Year == plan.Year, ct) || await db.Rounds.AnyAsync(r => r.Year == plan.Year, ct))
        {
            return new Outcome.Conflict($"{plan.Year} 年度批次刚由他人创建，未导入任何内容。");
        }
        try
        {
            await ApplyAsync(prepared, user, note, errors, ct);
            if (errors.Count == 0)
            {
                var done = plan.Items.Where(i => i.Action is not (RoundImportPlanner.Reuse or RoundImportPlanner.Same)).Select(i => $"{i.KindLabel}“{i.Title}”：{i.ActionLabel}");
                audit.Record("导入年度批次", plan.Title, after: string.Join("；", done), reason: note);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new Outcome.Done(plan);
            }
        }
        catch (DbUpdateException)
        {
            errors["round"] = ["保存时出错（相关数据可能刚被他人修改），未导入任何内容，请刷新后重试。"];
        }
        finally
        {
            if (errors.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
            caches.InvalidateAll();
        }
        return errors.TryGetValue("round", out var saving) ? new Outcome.Conflict(saving[0]) : new Outcome.Invalid(errors);
    }

    /// <summary>Settings first (they create the draft round), then each artifact the plan does not reuse, through its store.</summary>
    private async Task ApplyAsync(RoundImportPlanner.Prepared prepared, string user, string note, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var (plan, bundle, settingsJson) = prepared;
        if (await programmes.SaveAsync(plan.Year, settingsJson, user, note, create: true) is VersionOutcome.Invalid settings)
        {
            errors["settings"] = [.. settings.Errors.Select(e => $"年度设置：{e.Path}：{e.Message}")];
            return;
        }

        var newWorkflows = plan.ToApply("workflow").Select(i => bundle.Workflows.First(w => w.Id == i.Key)).ToList();
        var published = await workflows.PublishImportedAsync(store, [.. newWorkflows.Select(w => w.Definition.ToJsonString(Workflow.Definitions.DefinitionJson.Options))], user, note);
        for (var i = 0; i < published.Count; i++)
        {
            if (published[i] is not VersionOutcome.Saved)
            {
                errors[$"workflow.{newWorkflows[i].Id}"] = [$"流程“{newWorkflows[i].Title}”未能发布：{VersionsApi.Describe(published[i])}"];
            }
        }
        foreach (var part in plan.ToApply("form").Select(i => bundle.Forms.First(f => f.Key == i.Key)))
        {
            if (await store.PublishAsync(FormKind.Kind, part.Key, part.Definition.ToJsonString(), user, note, operation: VersionOperation.Import, ct: ct) is VersionOutcome.Invalid invalid)
            {
                errors[$"form.{part.Key}"] = [.. invalid.Errors.Select(e => $"表单“{part.Title}”：{e.Path}：{e.Message}")];
            }
        }
        foreach (var part in plan.ToApply("template").Select(i => bundle.Templates.First(t => t.Key == i.Key)))
        {
            await templates.AddIfMissingAsync(new TemplateFiles.Entry(part.Key, part.Title, part.Annex, part.Binds, part.HasBlank), user, ct);
            var outcome = await store.PublishAsync(TemplateKind.Kind, part.Key, part.Text, user, note, operation: VersionOperation.Import, ct: ct);
            if (outcome is not VersionOutcome.Saved)
            {
                errors[$"template.{part.Key}"] = [$"文书模板“{part.Title}”未能保存：{VersionsApi.Describe(outcome)}"];
            }
        }
        var categories = bundle.Settings["specialCategories"]?.AsArray().Select(c => c?["key"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        foreach (var rule in plan.ToApply("rule").Select(i => bundle.Rules!.Items.First(r => r.Id == i.Key)))
        {
            var outcome = await rules.WithCategoriesAsync(categories,
                () => store.PublishAsync(RuleKind.Kind, rule.Id, rule.ToJson(), user, note, operation: VersionOperation.Import, ct: ct));
            if (outcome is not VersionOutcome.Saved)
            {
                errors[$"rule.{rule.Id}"] = [$"认定条件“{rule.Title}”未能保存：{VersionsApi.Describe(outcome)}"];
            }
        }
        foreach (var part in plan.ToApply("calendar").Select(i => bundle.Calendar.First(c => c.Year.ToString(CultureInfo.InvariantCulture) == i.Key)))
        {
            var body = new CalendarYearBody(part.Holidays.ToDictionary(d => d.Key, d => (string?)d.Value), part.AdjustedWorkdays.ToDictionary(d => d.Key, d => (string?)d.Value));
            if (await calendar.ReplaceYearAsync(part.Year, body, ct) is CalendarEditor.Outcome.Invalid invalid)
            {
                errors[$"calendar.{part.Year}"] = [.. invalid.Errors.SelectMany(e => e.Value).Select(m => $"{part.Year} 年工作日历：{m}")];
            }
        }
    }

}
