using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadRunner.Tests.Documents;

/// <summary>templates/ reaches the database when the files change; an administrator's edit is never overwritten by a file.</summary>
public class TemplateSeedTests
{
    private static string CopyTemplates()
    {
        var root = Path.Combine(Path.GetTempPath(), "leadrunner-tests", $"templates-{Guid.NewGuid():N}");
        var target = TemplateFiles.Folder(root);
        Directory.CreateDirectory(Path.Combine(target, "samples"));
        foreach (var file in Directory.EnumerateFiles(DocumentSamples.Folder, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(DocumentSamples.Folder, file)));
        }
        return root;
    }

    private static async Task<(int Version, string Text, string By)> Live(LeadRunnerFactory factory, string key)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var t = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().DocumentTemplates.AsNoTracking().SingleAsync(t => t.Key == key);
        return (t.Version, t.Text, t.UpdatedBy);
    }

    private static async Task Seed(LeadRunnerFactory factory, string root)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await TemplateSeed.LoadIfChangedAsync(scope.ServiceProvider, root, NullLogger.Instance);
    }

    [Fact]
    public async Task Start_SeedsEveryTemplateOfTheManifestAsVersion1()
    {
        using var factory = new LeadRunnerFactory();
        _ = factory.Services;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var templates = await db.DocumentTemplates.AsNoTracking().ToListAsync();
        Assert.Equal(DocumentSamples.Keys.Order(StringComparer.Ordinal), templates.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.All(templates, t => Assert.Equal((1, TemplateSeed.FileAuthor), (t.Version, t.UpdatedBy)));
        Assert.Equal(9, templates.Count(t => t.Annex is not null && t.HasBlank));
    }

    [Fact]
    public async Task ChangedFile_BecomesANewVersion_UnlessAnAdministratorEditedTheTemplate()
    {
        using var factory = new LeadRunnerFactory();
        var root = CopyTemplates();
        try
        {
            var file = Path.Combine(TemplateFiles.Folder(root), "annex-08" + TemplateFiles.Suffix);
            await File.AppendAllTextAsync(file, "<p>文件新增的一段。</p>\n");
            await Seed(factory, root);
            var afterFile = await Live(factory, "annex-08");
            Assert.Equal(2, afterFile.Version);
            Assert.Contains("文件新增的一段。", afterFile.Text, StringComparison.Ordinal);
            Assert.Equal(1, (await Live(factory, "annex-04")).Version);

            var admin = await factory.ClientFor("admin");
            var edited = afterFile.Text.Replace("文件新增的一段。", "管理员改写的一段。", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = edited, note = "改写" })).StatusCode);

            await File.AppendAllTextAsync(file, "<p>文件再次修改。</p>\n");
            await Seed(factory, root);
            var kept = await Live(factory, "annex-08");
            Assert.Equal((3, "admin"), (kept.Version, kept.By));
            Assert.Contains("管理员改写的一段。", kept.Text, StringComparison.Ordinal);

            // A file with a syntax error never replaces the live text of another template either.
            var broken = Path.Combine(TemplateFiles.Folder(root), "annex-07" + TemplateFiles.Suffix);
            await File.WriteAllTextAsync(broken, "<p>{{ if application.claimsSharedManufacturing }}</p>");
            await Seed(factory, root);
            Assert.Equal(1, (await Live(factory, "annex-07")).Version);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
