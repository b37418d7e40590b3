using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Rounds;

/// <summary>Round files as the tests send and compare them, and a count of everything an import could create.</summary>
internal static class RoundFiles
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, byte[] file, string name = "批次.round.json")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(part, "file", name);
        return await client.PostAsync(url, content);
    }

    public static byte[] Bytes(JsonNode bundle) => Encoding.UTF8.GetBytes(bundle.ToJsonString());

    public static async Task<JsonObject> ExportAsync(HttpClient admin, int year) =>
        JsonNode.Parse(await admin.GetByteArrayAsync($"/api/rounds/{year}/export"))!.AsObject();

    /// <summary>A bundle without what belongs to one installation: the export time and every version number.</summary>
    public static JsonObject Content(JsonObject bundle)
    {
        var copy = bundle.DeepClone().AsObject();
        copy.Remove("exportedAt");
        copy.Remove("pins");
        foreach (var kind in new[] { "workflows", "forms", "templates" })
        {
            foreach (var part in copy[kind]!.AsArray())
            {
                part!.AsObject().Remove("version");
                (part["definition"] as JsonObject)?.Remove("version");
            }
        }
        (copy["rules"] as JsonObject)?.Remove("version");
        return copy;
    }

    public sealed record Counts(int Programmes, int ProgrammeVersions, int Rounds, int Workflows, int Forms, int Templates, int TemplateVersions,
        int Rules, int RuleVersions, int CalendarDays, int AuditEntries);

    /// <summary>Every table an import writes to, counted: equal before and after means nothing was created.</summary>
    public static async Task<Counts> CountAsync(LeadRunnerFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Task<int> VersionsOf(string kind) => db.ArtifactVersions.CountAsync(v => v.Kind == kind);
        return new Counts(await db.Programmes.CountAsync(), await VersionsOf("settings"), await db.Rounds.CountAsync(),
            await VersionsOf("workflow"), await VersionsOf("form"), await db.DocumentTemplates.CountAsync(),
            await VersionsOf("template"), await db.EligibilityRules.CountAsync(), await VersionsOf("rule"),
            await db.CalendarDays.CountAsync(), await db.AuditEntries.CountAsync());
    }
}
