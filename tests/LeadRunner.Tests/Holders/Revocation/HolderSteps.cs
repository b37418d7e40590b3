using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.Revocation;

/// <summary>Steps the revocation and change-filing tests share: real holders made by recognition cases, uploads, reads.</summary>
public sealed class HolderSteps(WorkflowFactory factory)
{
    public const string AnpingUscc = "91131125MA0G6T214Y";   // 安平县 → 衡水市, in the pool
    public const string ShaheUscc = "91130582MA0HP3W19U";    // 沙河市 → 邢台市, no title

    private static readonly Dictionary<string, (string County, string City)> Offices = new()
    {
        [WorkflowDriver.QingheUscc] = ("county.130534", "city.130500"),
        [WorkflowDriver.XiongUscc] = ("county.130638", "city.133100"),
        [AnpingUscc] = ("county.131125", "city.131100"),
    };

    public WorkflowDriver Drive { get; } = new(factory);

    /// <summary>
    /// Makes the enterprises 2024 holders by real recognition cases (one 公示 and one final list for all of them), unless
    /// the factory's database already has them. A class makes all its holders at once, in its first test, while the
    /// round's city deadline (12 September) still lets the cases through.
    /// </summary>
    public async Task EnsureHoldersAsync(params string[] usccs)
    {
        var missing = new List<string>();
        foreach (var uscc in usccs)
        {
            if (await HolderAsync(uscc) is null)
            {
                missing.Add(uscc);
            }
        }
        if (missing.Count == 0)
        {
            return;
        }
        var ids = new List<long>();
        foreach (var uscc in missing)
        {
            var (county, city) = Offices[uscc];
            ids.Add(await Drive.ToShortlistAsync(uscc, county, city));
        }
        var window = await Drive.PublishPublicityAsync([.. ids]);
        var end = DateOnly.Parse(window["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var afterWindow = new DateTimeOffset(end.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        if (factory.FakeClock.GetUtcNow() < afterWindow)
        {
            factory.FakeClock.SetUtcNow(afterWindow);
        }
        var province = await factory.ClientFor("province");
        var response = await province.PostAsJsonAsync("/api/rounds/2024/final-list", new { caseIds = ids, documentNumber = "冀工信集群〔2024〕12号" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public async Task<TitleHolder?> HolderAsync(string uscc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.TitleHolders.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(h => h.Enterprise!.Uscc == uscc);
    }

    public async Task<T> ReadAsync<T>(Func<LeadRunnerDb, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeadRunnerDb>());
    }

    /// <summary>Uploads a small PDF as the client's user; returns the new file's id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, string name)
    {
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        body.Add(file, "file", name);
        var response = await client.PostAsync("/api/uploads", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>The province opens a revocation case through the API; returns the case id.</summary>
    public async Task<long> OpenRevocationAsync(string uscc, string ground, string facts, params Guid[] attachments)
    {
        var province = await factory.ClientFor("province");
        var response = await province.PostAsJsonAsync($"/api/holders/{uscc}/revocations", new { ground, facts, attachments });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["caseId"]!.GetValue<long>();
    }

    /// <summary>Opens a case, the holder states, the province revokes: the title ends publicly.</summary>
    public async Task<long> RevokeAsync(string uscc, string ground, string facts)
    {
        var caseId = await OpenRevocationAsync(uscc, ground, facts);
        await Drive.CompleteOkAsync($"ent.{uscc}", caseId, "state", data: new { statement = "对所述事实无异议，已整改。" });
        await Drive.CompleteOkAsync("province", caseId, "revoke", "事实清楚，依据第十六条撤销。");
        return caseId;
    }
}
