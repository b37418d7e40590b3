using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Holders.Support;

/// <summary>The demo enterprises the support-claim tests use, holders made for them, and claims filed through the API.</summary>
public static class SupportClaimSamples
{
    public const string Xinji = "91130181MA0DJ7R11T";    // 辛集市
    public const string Dingzhou = "91130682MA0E2K4192"; // 定州市
    public const string Anping = "91131125MA0G6T214Y";   // 安平县 → 衡水市
    public const string Shahe = "91130582MA0HP3W19U";    // 沙河市 → 邢台市

    /// <summary>
    /// Makes the enterprise a holder of the 2024 title by writing the row, as the authorising transition would: these
    /// tests are about claims, and a recognition case per enterprise (five working days of 公示 each) adds nothing to them.
    /// The review-chain test makes its holder through recognition instead.
    /// </summary>
    public static async Task<long> MakeHolderAsync(LeadRunnerFactory factory, string uscc, HolderStatus status = HolderStatus.Valid, int year = 2024)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var enterpriseId = await db.Enterprises.Where(e => e.Uscc == uscc).Select(e => e.Id).SingleAsync();
        if (await db.TitleHolders.FirstOrDefaultAsync(h => h.EnterpriseId == enterpriseId && h.Year == year) is { } made)
        {
            return made.Id; // tests of one class share the database: the first one made it
        }
        var holder = new TitleHolder
        {
            EnterpriseId = enterpriseId, Year = year, Status = status, GrantedOn = new DateOnly(year, 9, 10), ReReviewDueOn = new DateOnly(year + 3, 9, 10),
            EndedOn = status is HolderStatus.Revoked or HolderStatus.Expired ? new DateOnly(year, 12, 20) : null,
        };
        db.TitleHolders.Add(holder);
        await db.SaveChangesAsync();
        return holder.Id;
    }

    /// <summary>Uploads one small PDF as the client's user; returns its url, as the API's attachments take it.</summary>
    public static async Task<string> EvidenceAsync(HttpClient client, string name = "证明材料.pdf") =>
        (await CaseFormData.FilesAsync(client, name))[0]!["url"]!.GetValue<string>();

    /// <summary>Files a claim with one uploaded evidence file laid over the body (unless the body names its own attachments).</summary>
    public static async Task<HttpResponseMessage> ClaimAsync(HttpClient client, string uscc, object body)
    {
        var payload = (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(body)!;
        if (!payload.ContainsKey("attachments"))
        {
            payload["attachments"] = new JsonArray(await EvidenceAsync(client));
        }
        return await client.PostAsJsonAsync($"/api/holders/{uscc}/support-claims", payload);
    }

    public static async Task<JsonObject> ClaimCreatedAsync(HttpClient client, string uscc, object body)
    {
        var response = await ClaimAsync(client, uscc, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The Chinese message of a problem answer (its detail, or every field's messages).</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["errors"] is JsonObject errors
            ? string.Join("；", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value!.AsArray().Select(m => m!.GetValue<string>()))}"))
            : body["detail"]!.GetValue<string>();
    }

    public static async Task<List<LeadRunner.Holders.SupportClaim>> ClaimsOfAsync(LeadRunnerFactory factory, string uscc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.SupportClaims.IgnoreQueryFilters().Where(c => c.Holder!.Enterprise!.Uscc == uscc).OrderBy(c => c.Id).ToListAsync();
    }

    public static async Task<int> CasesOfAsync(LeadRunnerFactory factory, string uscc, string workflow = "support-claim")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.WorkflowInstances.IgnoreQueryFilters().CountAsync(i => i.DefinitionId == workflow && i.Enterprise!.Uscc == uscc);
    }
}
