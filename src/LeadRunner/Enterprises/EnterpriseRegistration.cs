using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Rounds;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

/// <summary>
/// Registers an enterprise after checking its code, county, cluster, industry (from the current round's list) and the
/// actor's region.
/// </summary>
public sealed class EnterpriseRegistration(LeadRunnerDb db, RoundLists lists, AuditLog audit, TimeProvider clock)
{
    public sealed record Request(string? Name, string? Uscc, string? CountyCode, int? ClusterId, string? IndustryCategory);

    public abstract record Outcome
    {
        public sealed record Registered(Enterprise Enterprise) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
        public sealed record UnknownCounty(string Message) : Outcome;
        public sealed record OutOfScope(string Message) : Outcome;
        public sealed record Duplicate(string Message) : Outcome;
    }

    public async Task<Outcome> RegisterAsync(Request request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextHygiene.CheckName("name", "企业名称", request.Name, out var name, maxLength: 100) is { } unclean)
        {
            errors["name"] = [unclean];
        }
        else if (name.Length is < 2 or > 100)
        {
            errors["name"] = ["企业名称应为 2～100 个字符。"];
        }
        var uscc = request.Uscc?.Trim() ?? "";
        var check = UsccValidator.Validate(uscc);
        if (!check.Valid)
        {
            errors["uscc"] = [.. check.Errors];
        }
        else if (!uscc.AsSpan(2).StartsWith("13", StringComparison.Ordinal))
        {
            errors["uscc"] = ["统一社会信用代码的登记管理机关行政区划码不在河北省（应以 13 开头），“领跑者”企业须在河北省内注册。"];
        }
        if (IndustryError(lists.Current(), request.IndustryCategory) is { } industryError)
        {
            errors["industryCategory"] = [industryError];
        }
        var cluster = request.ClusterId is { } clusterId ? await db.Clusters.FirstOrDefaultAsync(c => c.Id == clusterId && c.Active, ct) : null;
        if (cluster is null)
        {
            errors["clusterId"] = ["请选择一个有效的特色产业集群。"];
        }
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }

        var county = await db.Counties.FirstOrDefaultAsync(c => c.Code == request.CountyCode, ct);
        if (county is null)
        {
            return new Outcome.UnknownCounty($"县级行政区划代码“{request.CountyCode}”不存在。");
        }
        if (!db.Scope.CoversCounty(county.Code, county.UnitCode) || db.Scope.Role == Roles.Enterprise)
        {
            return new Outcome.OutOfScope($"您无权在{county.Name}登记企业。");
        }
        // Unfiltered on purpose: a duplicate in another region must still be found, but only named to those who may see it.
        if (await db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.Uscc == uscc, ct))
        {
            var visible = await db.Enterprises.Where(e => e.Uscc == uscc).Select(e => e.Name).FirstOrDefaultAsync(ct);
            return new Outcome.Duplicate(visible is not null
                ? $"统一社会信用代码 {uscc} 已登记（{visible}），不能重复登记。"
                : $"统一社会信用代码 {uscc} 已在您管辖范围以外登记，不能重复登记；如有疑问，请联系省工业和信息化厅。");
        }

        var enterprise = new Enterprise
        {
            Name = name,
            Uscc = uscc,
            CountyCode = county.Code,
            ClusterId = cluster!.Id,
            IndustryCategory = request.IndustryCategory!,
            RegisteredAt = clock.GetUtcNow(),
        };
        db.Enterprises.Add(enterprise);
        audit.Record("登记企业", $"{name}（{uscc}）", after: $"{county.Name}，{cluster.Name}，{enterprise.IndustryCategory}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration of the same code won the unique index.
            db.ChangeTracker.Clear();
            return new Outcome.Duplicate($"统一社会信用代码 {uscc} 已登记，不能重复登记。");
        }
        return new Outcome.Registered(enterprise);
    }

    /// <summary>Why an industry cannot be chosen now, or null when it is one the round offers.</summary>
    public static string? IndustryError(RoundListSet? round, string? industry)
    {
        if (round is null)
        {
            return "尚未设置任何年度批次，无法选择行业，请联系系统管理员。";
        }
        var choices = round.Choices(RoundListSet.IndustriesList);
        if (industry is not null && choices.Contains(industry))
        {
            return null;
        }
        return round.FindIndustry(industry) is not null
            ? $"行业“{industry}”已在 {round.Year} 年度停用，请选择其他行业（{string.Join("、", choices)}）。"
            : $"请从 {round.Year} 年度的行业名单中选择行业类别（{string.Join("、", choices)}）。";
    }
}
