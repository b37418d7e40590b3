using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Quarterly;

/// <summary>
/// POST /api/holders/{uscc}/disclosures { period, date }: a listed holder (or its staff) records when its quarterly
/// report was disclosed; the quarter's update is then due M working days after it (第十五条). The obligation (made now
/// if the quarter is not planned yet), the open case's due date and its deadline timer move together, in one
/// write transaction; bad input changes nothing.
/// </summary>
public static class DisclosuresApi
{
    public sealed record DisclosureRequest(string? Period, string? Date);
    public sealed record DisclosureDto(string Kind, string Period, string DueDate, string Status, string DisclosureDate);

    public static IEndpointRouteBuilder MapDisclosuresApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/holders/{uscc}/disclosures", Record).WithTags("称号持有企业")
            .RequireAuthorization(policy => policy.RequireRole(ObligationsApi.HolderRoles))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RecordHolderDisclosure").WithSummary("登记季度报告披露日期")
            .WithDescription("上市的称号持有企业（或其工作人员）登记某季度报告的披露日期，该季度数据更新的截止日期随之改为披露后第 M 个工作日（第十五条）；"
                + "报告期或日期有误、非上市或非有效期内企业返回 400，企业不存在返回 404，该季度已更新返回 409。");
        return app;
    }

    public static async Task<Results<Ok<DisclosureDto>, ValidationProblem, ProblemHttpResult>> Record(string uscc, DisclosureRequest request, LeadRunnerDb db,
        WriteTransactions writes, QuarterDue dueDates, HolderYear holderYear, DeadlineReplanner replanner, Audit.AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (HolderLookup.Malformed(uscc) is { } malformed)
        {
            return ApiProblems.Invalid("uscc", malformed);
        }
        var today = clock.TodayInChina();
        var errors = new Dictionary<string, string[]>();
        if (!QuarterPeriod.TryParse(request.Period, out var quarter))
        {
            errors["period"] = [string.IsNullOrWhiteSpace(request.Period) ? "请填写报告期（period），如 2024Q3。" : $"报告期“{request.Period}”格式不正确，应为“年份Q季度”，如 2024Q3。"];
        }
        else if (quarter.LastDay >= today)
        {
            errors["period"] = [$"{quarter.Title}尚未结束，不能登记其季度报告的披露日期。"];
        }
        if (!DateOnly.TryParseExact(request.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors["date"] = [string.IsNullOrWhiteSpace(request.Date) ? "请填写披露日期（date），格式为 YYYY-MM-DD。" : $"披露日期“{request.Date}”不是有效的日期，格式应为 YYYY-MM-DD。"];
        }
        else if (date > today)
        {
            errors["date"] = [$"披露日期 {Day(date)} 晚于今天，请在季度报告披露后再登记。"];
        }
        else if (!errors.ContainsKey("period") && date <= quarter.LastDay)
        {
            errors["date"] = [$"披露日期 {Day(date)} 早于{quarter.Title}结束（{Day(quarter.LastDay)}），季度报告应在报告期结束后披露。"];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        if (await HolderLookup.FindAsync(db, uscc, ct) is not { } enterprise)
        {
            return ApiProblems.NotFound(HolderLookup.NotFound(uscc));
        }
        var actor = Actor.From(http.User);
        return await writes.RunAsync<Results<Ok<DisclosureDto>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            var holder = await HolderLookup.CurrentHolderAsync(db, enterprise.EnterpriseId, ct);
            if (holder is null)
            {
                return ApiProblems.Invalid("uscc", $"{enterprise.Name}不是有效期内的“领跑者”企业，无须更新季度数据。");
            }
            if (!holder.Listed)
            {
                return ApiProblems.Invalid("uscc", $"{enterprise.Name}不是上市企业，季度数据在季度结束后按日历期限更新，无须登记披露日期。");
            }
            if (quarter.LastDay <= holder.GrantedOn)
            {
                return ApiProblems.Invalid("period", $"{quarter.Title}在获得“领跑者”称号（{Day(holder.GrantedOn)}）之前已结束，无须更新。");
            }
            var period = quarter.ToString();
            var obligation = await db.Obligations.FirstOrDefaultAsync(o => o.HolderId == holder.Id && o.Kind == ObligationKind.QuarterlyUpdate && o.Period == period, ct);
            if (obligation?.DoneAt is not null)
            {
                return ApiProblems.Conflict($"{quarter.Title}数据已于 {Day(obligation.DoneAt.Value.TodayIn())} 更新，无须再登记披露日期。");
            }
            var instance = obligation?.InstanceId is { } id ? await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == id, ct) : null;
            var due = dueDates.DueDate(quarter, instance?.RoundYear ?? holderYear.Current(), date);
            if (obligation is null)
            {
                obligation = new Obligation { HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, Kind = ObligationKind.QuarterlyUpdate, Period = period };
                db.Obligations.Add(obligation);
            }
            var before = obligation.DisclosureDate is { } was ? $"披露日期 {Day(was)}，截止 {Day(obligation.DueDate)}" : obligation.Id == 0 ? null : $"截止 {Day(obligation.DueDate)}";
            obligation.DisclosureDate = date;
            obligation.DueDate = due;
            obligation.Revision++;
            if (instance is { Status: InstanceStatus.Running })
            {
                var variables = JsonNode.Parse(instance.VariablesJson)?.AsObject() ?? [];
                variables["dueDate"] = Day(due);
                instance.VariablesJson = variables.ToJsonString();
                instance.Revision++;
                await replanner.ReplanCaseWithinAsync(instance, actor.Name,
                    $"登记{quarter.Title}季度报告披露日期 {Day(date)}，更新截止日期为其后第 {dueDates.ListedWorkingDays(instance.RoundYear)} 个工作日（{Day(due)}）。");
            }
            audit.Record("登记季度报告披露日期", $"{enterprise.Name}（{enterprise.Uscc}）{quarter.Title}", before,
                $"披露日期 {Day(date)}，截止 {Day(due)}", kind: Audit.AuditKinds.Case, userName: actor.Name);
            return TypedResults.Ok(new DisclosureDto(ObligationsApi.KindName(obligation.Kind), period, Day(due), obligation.StatusOn(today), Day(date)));
        }, result => result.Result is Ok<DisclosureDto>, message => ApiProblems.Conflict(message));
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
