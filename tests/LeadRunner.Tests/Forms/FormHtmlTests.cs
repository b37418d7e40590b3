using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Forms;

public class FormHtmlTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private const string Unsafe = "<p>说明</p><img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script><a href=\"javascript:window.__xss=3\">链接</a>";

    private static JsonObject Components(params JsonNode[] components) => new() { ["components"] = new JsonArray(components) };

    private static void AssertSafe(string text)
    {
        foreach (var bad in new[] { "onerror", "<script", "javascript:", "onclick", "__xss" })
        {
            Assert.DoesNotContain(bad, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Sanitise_CleansContentHtmlElementsAndMarkedUpLabels_AtAnyDepth_AndLeavesPlainTextAlone()
    {
        var schema = Components(new JsonObject
        {
            ["type"] = "panel", ["key"] = "p", ["label"] = "A & B", ["components"] = new JsonArray(
                new JsonObject { ["type"] = "content", ["key"] = "c", ["html"] = Unsafe },
                new JsonObject
                {
                    ["type"] = "htmlelement", ["key"] = "h", ["tag"] = "script", ["content"] = "<b onclick=\"window.__xss=4\">粗体</b>",
                    ["attrs"] = new JsonArray(
                        new JsonObject { ["attr"] = "onclick", ["value"] = "window.__xss=5" },
                        new JsonObject { ["attr"] = "href", ["value"] = "javascript:window.__xss=6" },
                        new JsonObject { ["attr"] = "href", ["value"] = "/\\evil.example" },
                        new JsonObject { ["attr"] = "class", ["value"] = "lead" },
                        new JsonObject { ["attr"] = "href", ["value"] = "https://hebei.gov.cn/" }),
                },
                new JsonObject { ["type"] = "textfield", ["key"] = "t", ["label"] = "<img src=x onerror=\"window.__xss=7\">姓名" }),
        });

        FormHtml.Sanitise(schema);

        var panel = schema["components"]![0]!;
        Assert.Equal("A & B", panel["label"]!.GetValue<string>());
        Assert.Equal("<p>说明</p><img src=\"x\"><a>链接</a>", panel["components"]![0]!["html"]!.GetValue<string>());
        var element = panel["components"]![1]!;
        Assert.Equal("p", element["tag"]!.GetValue<string>());
        Assert.Equal("<b>粗体</b>", element["content"]!.GetValue<string>());
        Assert.Equal(["class", "href"], element["attrs"]!.AsArray().Select(a => a!["attr"]!.GetValue<string>()));
        Assert.Equal("https://hebei.gov.cn/", element["attrs"]![1]!["value"]!.GetValue<string>());
        Assert.Equal("<img src=\"x\">姓名", panel["components"]![2]!["label"]!.GetValue<string>());
        AssertSafe(schema.ToJsonString());
    }

    [Fact]
    public async Task SaveDesign_StoresTheContentSanitised()
    {
        var admin = await factory.ClientFor("admin");
        var design = JsonNode.Parse(await admin.GetStringAsync("/api/forms/county-review/design"))!.AsObject();
        design["components"]!.AsArray().Insert(0, new JsonObject { ["type"] = "content", ["key"] = "xssNote", ["input"] = false, ["html"] = Unsafe });

        var saved = await admin.PutAsync("/api/forms/county-review/design", new StringContent(design.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().ArtifactVersions.AsNoTracking()
            .Where(v => v.Kind == FormKind.Kind && v.Key == "county-review" && v.Version == null).Select(v => v.Content).SingleAsync();
        Assert.Contains("<p>说明</p>", stored, StringComparison.Ordinal);
        AssertSafe(stored);
    }

    [Fact]
    public async Task AVersionStoredBeforeTheCheck_IsServedSanitised_ToTheApiAndThePage()
    {
        using (var scope = factory.Services.CreateScope())
        {
            // As if written by an older release: straight into the published version, past the save check.
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            var version = await db.ArtifactVersions.Where(v => v.Kind == FormKind.Kind && v.Key == "objection" && v.Version != null).OrderByDescending(v => v.Version).FirstAsync();
            var json = JsonNode.Parse(version.Content)!.AsObject();
            json["components"]!.AsArray().Insert(0, new JsonObject { ["type"] = "content", ["key"] = "xssNote", ["input"] = false, ["html"] = Unsafe });
            version.Content = json.ToJsonString();
            await db.SaveChangesAsync();
        }
        var anonymous = factory.AnonymousClient();

        var schema = await anonymous.GetStringAsync("/api/forms/objection");
        var page = await anonymous.GetStringAsync("/forms/objection");

        Assert.Equal("<p>说明</p><img src=\"x\"><a>链接</a>", JsonNode.Parse(schema)!["components"]![0]!["html"]!.GetValue<string>());
        AssertSafe(schema);
        Assert.Contains("说明", page, StringComparison.Ordinal);
        Assert.DoesNotContain("__xss", page, StringComparison.Ordinal); // every payload of the corpus sets it
    }
}
