using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Publicity;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Demo;

/// <summary>
/// The 2024 demo round (<c>Demo:Round</c>): the enterprises of <see cref="DemoRoundData"/> taken through the real engine
/// and the round's collective acts as the right people, on the round's own dates (<see cref="DemoTime"/>), so every
/// list, chart, 公示 and certificate shows what users would have produced. Runs once: skipped when its cases exist.
/// </summary>
public sealed partial class DemoRound(
    LeadRunnerDb db, StartCase startCase, CompleteTask completeTask, PublicityBatch publicity, ObjectionIntake objections, ObjectionDecisions decisions,
    FinalList finalList, ProgrammeSettings programmes, WorkingDayCalendar calendar, UploadStorage storage,
    IPasswordHasher<AppUser> hasher, IConfiguration configuration, ILogger<DemoRound> logger)
{
    public const int Year = 2024;
    public const string DocumentNumber = "冀工信集群〔2024〕46号";

    // Parsed, as a request's variables are: the engine reads the year as a JSON number, which a JsonValue built from an int is not.
    private static readonly JsonObject YearVariables = JsonNode.Parse("{\"year\": 2024}")!.AsObject();
    private readonly Dictionary<string, Actor> _actors = [];
    private decimal _perWan = 10_000m;

    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment) =>
        DemoMode.IsOn(configuration, environment) && configuration.GetValue<bool>("Demo:Round");

    /// <summary>The demo enterprise's code: valid per GB 32100-2015, registered in its county, distinct from other demo data.</summary>
    public static string UsccOf(int index, string county, char series = 'R') =>
        UsccValidator.Complete($"91{county}MA0{series}{Base31(index)}");

    private static string Base31(int value)
    {
        Span<char> digits = stackalloc char[4];
        for (var i = 3; i >= 0; i--)
        {
            digits[i] = UsccValidator.Alphabet[value % 31];
            value /= 31;
        }
        return new string(digits);
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var codes = DemoRoundData.Firms.Select((f, i) => UsccOf(i, f.County)).ToList();
        if (await db.WorkflowInstances.AnyAsync(i => i.RoundYear == Year && codes.Contains(i.Enterprise!.Uscc), ct))
        {
            return;
        }
        if (programmes.ForYear(Year) is not { } settings)
        {
            logger.LogWarning("没有 {Year} 年度的申报设置，未生成演示批次。", Year);
            return;
        }
        // Amounts are filed in the round's money unit; the data file is in 万元 like the notice.
        _perWan = ProgrammeSettings.Read(settings, "moneyUnit")?.ToString() == "万元" ? 1m : 10_000m;
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var firms = await EnterprisesAsync(codes, ct);
            await PoolAsync(firms, ct);
            await ApplicationsAsync(firms, ct);
            await RoundActsAsync(firms, ct);
        }
        finally
        {
            DemoTime.Set(null);
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("已生成 {Year} 年度演示批次：{Count} 家企业，用时 {Seconds:0.0} 秒。", Year, codes.Count, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
    }

    private sealed record Firm(int Index, DemoFirm Data, int EnterpriseId, string Uscc, string CountyName, string UnitCode, Actor Actor)
    {
        public long CaseId { get; set; }
    }

    /// <summary>The enterprises and their accounts (the demo password, one hash for all as in <see cref="DemoSeeder"/>).</summary>
    private async Task<List<Firm>> EnterprisesAsync(List<string> codes, CancellationToken ct)
    {
        var clusters = await db.Clusters.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var known = await db.Enterprises.Where(e => codes.Contains(e.Uscc)).Select(e => e.Uscc).ToHashSetAsync(ct);
        At(new DateOnly(2024, 5, 20), 0);
        foreach (var (firm, i) in DemoRoundData.Firms.Select((f, i) => (f, i)).Where(x => !known.Contains(codes[x.i])))
        {
            db.Enterprises.Add(new Enterprise
            {
                Name = firm.Name, Uscc = codes[i], CountyCode = firm.County, ClusterId = clusters[firm.Cluster],
                IndustryCategory = firm.Industry, RegisteredAt = DemoTime.Now!.Value,
            });
        }
        await db.SaveChangesAsync(ct);

        var enterprises = await db.Enterprises.Where(e => codes.Contains(e.Uscc)).Include(e => e.County).ToDictionaryAsync(e => e.Uscc, ct);
        var names = codes.Select(c => $"ent.{c}").ToList();
        var existing = await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => u.UserName!).ToHashSetAsync(ct);
        var roleIds = await RoleSeed.EnsureAsync(db);
        string? hash = null;
        foreach (var code in codes.Where(c => !existing.Contains($"ent.{c}")))
        {
            var enterprise = enterprises[code];
            var user = new AppUser
            {
                UserName = $"ent.{code}", NormalizedUserName = $"ENT.{code}", DisplayName = enterprise.Name, EnterpriseId = enterprise.Id,
                SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
            };
            user.PasswordHash = hash ??= hasher.HashPassword(user, configuration["Demo:Password"]!);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[Roles.Enterprise] });
        }
        await db.SaveChangesAsync(ct);

        var firms = new List<Firm>();
        foreach (var (data, i) in DemoRoundData.Firms.Select((f, i) => (f, i)))
        {
            var e = enterprises[codes[i]];
            var actor = await ActorAsync($"ent.{codes[i]}", new AccessScope(false, e.Id, null, null, Roles.Enterprise), ct);
            firms.Add(new Firm(i, data, e.Id, codes[i], e.County!.Name, e.County.UnitCode, actor));
        }
        return firms;
    }

    /// <summary>Every firm applied to the cultivation pool in June; three applications of late August are still under way.</summary>
    private async Task PoolAsync(List<Firm> firms, CancellationToken ct)
    {
        foreach (var firm in firms)
        {
            db.ChangeTracker.Clear(); // each case reads afresh; the tracker would otherwise grow with every transition
            var late = firm.Data.Fate is DemoFate.PoolApplying or DemoFate.PoolAtCounty or DemoFate.PoolAtCity;
            var day = late ? new DateOnly(2024, 8, 19).AddDays(firm.Index % 3) : new DateOnly(2024, 6, 3).AddDays(firm.Index % 12);
            var at = At(day, firm.Index);
            var id = await StartAsync("pool-entry", firm);
            if (firm.Data.Fate == DemoFate.PoolApplying)
            {
                continue;
            }
            await ActAsync(id, "submit", firm.Actor, null, await PoolFormAsync(firm, ct), ct);
            if (firm.Data.Fate == DemoFate.PoolAtCounty)
            {
                continue;
            }
            At(calendar.AddWorkingDays(at, 3), firm.Index + 1);
            if (firm.Data.Fate == DemoFate.PoolRejected)
            {
                await ActAsync(id, "reject", await CountyAsync(firm, ct), "企业 2023 年发生一般生产安全事故，不符合入库条件，不予推荐。", null, ct);
                continue;
            }
            await ActAsync(id, "recommend", await CountyAsync(firm, ct), "经核实，企业符合入库五项条件，同意推荐入库。", null, ct);
            if (firm.Data.Fate == DemoFate.PoolAtCity)
            {
                continue;
            }
            At(calendar.AddWorkingDays(at, 6), firm.Index + 2);
            await ActAsync(id, "admit", await CityAsync(firm, ct), "经审定，同意纳入“领跑者”企业培育库。", null, ct);
        }
    }

    /// <summary>The round's applications (from 2 September) through county and city review before the city deadline, then the province.</summary>
    private async Task ApplicationsAsync(List<Firm> firms, CancellationToken ct)
    {
        var recommended = firms.Where(f => f.Data.Fate is not (DemoFate.Drafting or DemoFate.AtCounty or DemoFate.AtCity or DemoFate.RejectedByCounty or DemoFate.RejectedByCity)).ToList();
        var ranks = recommended.GroupBy(f => f.UnitCode)
            .SelectMany(g => g.OrderByDescending(f => f.Data.RevenueWan).Select((f, i) => (f.Index, Rank: i + 1)))
            .ToDictionary(x => x.Index, x => x.Rank);
        foreach (var firm in firms.Where(f => f.Data.Fate is not (DemoFate.PoolOnly or DemoFate.PoolApplying or DemoFate.PoolAtCounty or DemoFate.PoolAtCity or DemoFate.PoolRejected)))
        {
            db.ChangeTracker.Clear();
            var fate = firm.Data.Fate;
            At(new DateOnly(2024, 8, 29).AddDays(firm.Index % 2), firm.Index);
            firm.CaseId = await StartAsync("recognition", firm);
            if (fate == DemoFate.Drafting)
            {
                continue;
            }
            var submitted = At(calendar.NextWorkingDay(new DateOnly(2024, 9, 2).AddDays(firm.Index % 4)), firm.Index);
            await ActAsync(firm.CaseId, "submit", firm.Actor, null, await ApplicationFormAsync(firm, ct), ct);
            if (fate == DemoFate.AtCounty)
            {
                continue;
            }
            var county = await CountyAsync(firm, ct);
            var reviewed = At(calendar.AddWorkingDays(submitted, 3), firm.Index + 1);
            if (fate == DemoFate.RejectedByCounty)
            {
                await ActAsync(firm.CaseId, "reject", county, "经核查，企业近三年未纳入特色产业集群统计范围，不符合申报条件。", null, ct);
                continue;
            }
            await ActAsync(firm.CaseId, "approve", county, null, await CountyFormAsync(firm, county, ct), ct);
            if (fate == DemoFate.AtCity)
            {
                continue;
            }
            var city = await CityAsync(firm, ct);
            At(calendar.AddWorkingDays(reviewed, 2), firm.Index + 2);
            if (fate == DemoFate.RejectedByCity)
            {
                await ActAsync(firm.CaseId, "reject", city, "本市推荐名额有限，该企业在集群内排名靠后，本年度不予推荐。", null, ct);
                continue;
            }
            await ActAsync(firm.CaseId, "recommend", city, null, new JsonObject
            {
                ["rank"] = ranks[firm.Index], ["opinion"] = $"经审核，同意推荐，列本市第 {ranks[firm.Index]} 位。",
            }, ct);
            if (fate == DemoFate.AtProvince)
            {
                continue;
            }
            var province = await ProvinceAsync(ct);
            if (fate == DemoFate.RejectedByProvince)
            {
                At(new DateOnly(2024, 9, 26), firm.Index);
                await ActAsync(firm.CaseId, "reject", province, $"研发投入占比 {firm.Data.RdPercent}%，未达到本年度传统行业 3% 的门槛，不予认定。", null, ct);
                continue;
            }
            // The first 公示 takes what the province passed in September; the later ones were passed in October and November.
            At(fate switch
            {
                DemoFate.Shortlisted => new DateOnly(2024, 11, 15),
                DemoFate.InPublicity or DemoFate.InPublicityObjected => new DateOnly(2024, 10, 21),
                _ => calendar.NextWorkingDay(new DateOnly(2024, 9, 23).AddDays(firm.Index % 5)),
            }, firm.Index);
            await ActAsync(firm.CaseId, "shortlist", province, "经专家评审和省级审定，列入拟认定名单。", null, ct);
        }
    }

    /// <summary>Two 公示 batches (the first with one objection dismissed and one upheld, the second with one under investigation) and the final list of the first.</summary>
    private async Task RoundActsAsync(List<Firm> firms, CancellationToken ct)
    {
        var province = await ProvinceAsync(ct);
        List<Firm> Of(params DemoFate[] fates) => [.. firms.Where(f => fates.Contains(f.Data.Fate))];

        var first = Of(DemoFate.Authorised, DemoFate.AuthorisedObjectionDismissed, DemoFate.ObjectionUpheld);
        At(new DateOnly(2024, 10, 8), 1);
        var batch = Published(await publicity.PublishAsync(Year, [.. first.Select(f => f.CaseId)], null, province, ct));
        At(batch.Start.AddDays(1), 3);
        var dismissed = await ObjectAsync(batch.Item.Id, Of(DemoFate.AuthorisedObjectionDismissed)[0], 0,
            "该企业宣传材料称其产品国内市场占有率第一，与实际不符，申报材料可能存在夸大。", ct);
        var upheld = await ObjectAsync(batch.Item.Id, Of(DemoFate.ObjectionUpheld)[0], 1,
            "该企业 2023 年因羊绒制品纤维含量不合格被市场监管部门行政处罚，申报时未如实说明。", ct);
        At(batch.End.AddDays(1), 2);
        await InvestigateAsync(dismissed, "经核查，企业申报材料未使用“国内第一”表述，所报省内市场占有率有行业协会证明，异议事项不属实。", province, ct);
        await InvestigateAsync(upheld, "经向清河县市场监督管理局核实，企业 2023 年 6 月确因产品纤维含量不合格受到行政处罚，申报时未如实说明。", province, ct);
        At(calendar.AddWorkingDays(batch.End, 2), 4);
        await DecideAsync(dismissed, ObjectionDecisions.Dismissed, "异议事项不属实，不影响认定。", province, ct);
        At(calendar.AddWorkingDays(batch.End, 3), 5);
        await DecideAsync(upheld, ObjectionDecisions.Upheld, "异议成立，企业申报时隐瞒行政处罚，取消本年度认定资格。", province, ct);

        At(new DateOnly(2024, 10, 25), 2);
        var listed = Of(DemoFate.Authorised, DemoFate.AuthorisedObjectionDismissed).Select(f => f.CaseId).ToList();
        Published(await finalList.PublishAsync(Year, listed, DocumentNumber, null, province, ct));

        var second = Of(DemoFate.InPublicity, DemoFate.InPublicityObjected);
        At(new DateOnly(2024, 11, 4), 1);
        var later = Published(await publicity.PublishAsync(Year, [.. second.Select(f => f.CaseId)], null, province, ct));
        At(later.Start.AddDays(2), 6);
        var pending = await ObjectAsync(later.Item.Id, Of(DemoFate.InPublicityObjected)[0], 2,
            "该企业生产车间存在违规使用有机溶剂的情况，周边居民多次反映异味，请核查其环保合规情况。", ct);
        At(calendar.AddWorkingDays(later.End, 1), 3);
        await InvestigateAsync(pending, "已函请安新县生态环境分局核查，待其书面答复。", province, ct);
    }

    private static RoundActs.Outcome.Published Published(RoundActs.Outcome outcome) => outcome as RoundActs.Outcome.Published
        ?? throw new InvalidOperationException($"演示批次生成失败：{outcome}");

    /// <summary>A citizen's real-name objection, with a valid identity number, received inside the window as visitors send it.</summary>
    private async Task<string> ObjectAsync(int publicityId, Firm firm, int person, string facts, CancellationToken ct)
    {
        var born = new DateOnly(1975 + person * 6, 3 + person, 12 + person);
        var input = new ObjectionInput(ObjectionIntake.Individual, DemoRoundData.Person(person, 9), IdentityNumberFor(firm.Data.County, born, person),
            null, $"1383119{2046 + person * 311:D4}", firm.Data.Name, facts, null);
        return await objections.ReceiveAsync(publicityId, input, null, ct) is ObjectionIntake.Outcome.Received received
            ? received.Objection.Receipt
            : throw new InvalidOperationException($"演示批次的异议未被受理：{firm.Data.Name}");
    }

    private async Task InvestigateAsync(string receipt, string note, Actor province, CancellationToken ct)
    {
        if (await decisions.RecordInvestigationAsync(receipt, note, province, ct) is not ObjectionDecisions.Outcome.Done)
        {
            throw new InvalidOperationException($"演示批次的异议 {receipt} 未能记录核查情况。");
        }
    }

    private async Task DecideAsync(string receipt, string outcome, string comment, Actor province, CancellationToken ct)
    {
        if (await decisions.DecideAsync(receipt, outcome, comment, province, ct) is not ObjectionDecisions.Outcome.Done)
        {
            throw new InvalidOperationException($"演示批次的异议 {receipt} 未能作出决定。");
        }
    }

    private static string IdentityNumberFor(string county, DateOnly born, int sequence)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{county}{born:yyyyMMdd}{101 + sequence * 2:D3}");
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    private async Task<long> StartAsync(string workflow, Firm firm)
    {
        var outcome = await startCase.StartAsync(workflow, firm.EnterpriseId, YearVariables.DeepClone().AsObject(), firm.Actor);
        return outcome is TransitionOutcome.Done done ? done.Instance.Id
            : throw new InvalidOperationException($"演示批次：{firm.Data.Name}未能发起“{workflow}”：{outcome.Reason}");
    }

    /// <summary>The actor completes their open task on the case, as the case page would.</summary>
    private async Task ActAsync(long caseId, string action, Actor actor, string? comment, JsonObject? data, CancellationToken ct)
    {
        var taskId = await db.Tasks.Where(t => t.InstanceId == caseId && t.Status == HumanTaskStatus.Open).Select(t => t.Id).FirstAsync(ct);
        var outcome = await completeTask.CompleteAsync(taskId, action, comment, data, actor);
        if (outcome is not TransitionOutcome.Done)
        {
            var fields = outcome is TransitionOutcome.Invalid { FieldErrors: { } errors } ? string.Join("；", errors.Select(e => $"{e.Key}：{e.Value}")) : "";
            throw new InvalidOperationException($"演示批次：案件 {caseId} 的“{action}”未能办理：{outcome.Reason} {fields}");
        }
    }

    /// <summary>Sets the seeding flow's clock to a working hour of the day (spread by <paramref name="salt"/>); returns the day.</summary>
    private DateOnly At(DateOnly day, int salt)
    {
        var working = calendar.NextWorkingDay(day);
        DemoTime.Set(working.StartOfDayInChina().AddHours(9).AddMinutes(salt * 47 % 450));
        return working;
    }

    private Task<Actor> CountyAsync(Firm firm, CancellationToken ct) =>
        ActorAsync($"county.{firm.Data.County}", new AccessScope(false, null, firm.Data.County, null, Roles.County), ct);

    private Task<Actor> CityAsync(Firm firm, CancellationToken ct) =>
        ActorAsync($"city.{firm.UnitCode}", new AccessScope(false, null, null, firm.UnitCode, Roles.City), ct);

    private Task<Actor> ProvinceAsync(CancellationToken ct) => ActorAsync("province", new AccessScope(true, null, null, null, Roles.Province), ct);

    private async Task<Actor> ActorAsync(string userName, AccessScope scope, CancellationToken ct)
    {
        if (!_actors.TryGetValue(userName, out var actor))
        {
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == userName, ct);
            actor = _actors[userName] = new Actor(userName, scope) { UserId = user.Id, DisplayName = user.DisplayName };
        }
        return actor;
    }
}
