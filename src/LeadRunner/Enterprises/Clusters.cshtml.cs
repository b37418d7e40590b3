using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Regions;
using LeadRunner.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

/// <summary>Administrators add, rename and retire clusters. Retired clusters stay on enterprises already in them.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class ClustersModel(LeadRunnerDb db, AuditLog audit, RoundLists lists) : PageModel
{
    public IReadOnlyList<Cluster> Clusters { get; private set; } = [];
    public IReadOnlyList<County> Counties { get; private set; } = [];
    public IReadOnlyList<string> Industries { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    [BindProperty] public int? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? CountyCode { get; set; }
    [BindProperty] public string? IndustryCategory { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostSaveAsync(CancellationToken ct)
    {
        var cluster = Id is { } id ? await db.Clusters.FindAsync([id], ct) : null;
        string? error = null;
        if (TextHygiene.CheckName("name", "集群名称", Name, out var name, maxLength: 60) is { } unclean)
        {
            error = unclean;
        }
        else if (name.Length is < 2 or > 60)
        {
            error = "集群名称应为 2～60 个字符。";
        }
        else if (!await db.Counties.AnyAsync(c => c.Code == CountyCode, ct))
        {
            error = $"县级行政区划代码“{CountyCode}”不存在。";
        }
        // A cluster keeps the industry it has even when the round retired it; a new choice must be offered now.
        else if (IndustryCategory != cluster?.IndustryCategory && EnterpriseRegistration.IndustryError(lists.Current(), IndustryCategory) is { } industryError)
        {
            error = industryError;
        }
        else if (Id is not null && cluster is null)
        {
            error = "要修改的集群不存在。";
        }
        else if (await db.Clusters.AnyAsync(c => c.Name == name && c.Id != (Id ?? 0), ct))
        {
            error = $"已有名为“{name}”的集群。";
        }

        if (error is null)
        {
            if (cluster is null)
            {
                db.Clusters.Add(new Cluster { Name = name, CountyCode = CountyCode!, IndustryCategory = IndustryCategory! });
                audit.Record("新增特色产业集群", name, after: $"{CountyCode}，{IndustryCategory}");
            }
            else
            {
                audit.Record("修改特色产业集群", cluster.Name, before: $"{cluster.Name}，{cluster.CountyCode}，{cluster.IndustryCategory}", after: $"{name}，{CountyCode}，{IndustryCategory}");
                cluster.Name = name;
                cluster.CountyCode = CountyCode!;
                cluster.IndustryCategory = IndustryCategory!;
            }
            await db.SaveChangesAsync(ct);
            Message = $"已保存“{name}”。";
        }
        else
        {
            (Message, Failed) = (error, true);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
    }

    public async Task OnPostToggleAsync(CancellationToken ct)
    {
        var cluster = Id is { } id ? await db.Clusters.FindAsync([id], ct) : null;
        if (cluster is null)
        {
            (Message, Failed) = ("要修改的集群不存在。", true);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            cluster.Active = !cluster.Active;
            audit.Record(cluster.Active ? "启用特色产业集群" : "停用特色产业集群", cluster.Name);
            await db.SaveChangesAsync(ct);
            Message = $"已{(cluster.Active ? "启用" : "停用")}“{cluster.Name}”。";
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Clusters = await db.Clusters.Include(c => c.County).OrderBy(c => c.CountyCode).ThenBy(c => c.Name).AsNoTracking().ToListAsync(ct);
        Counties = await db.Counties.OrderBy(c => c.Code).AsNoTracking().ToListAsync(ct);
        Industries = (lists.Current())?.Choices(RoundListSet.IndustriesList) ?? [];
    }
}
