using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Forms;
using LeadRunner.Hosting;

namespace LeadRunner.Tests.Forms;

/// <summary>
/// The server's validator and Form.io's own engine (@formio/core, run by node as Form.io's server runs it, in Beijing
/// time) judge every case of Parity/cases.json alike: the same fields in error, and the values a case lists kept by
/// both. A case may differ only by naming an intended server-only check of Parity/server-only.json, and then only
/// the way that list says: Form.io accepts, the server refuses.
/// </summary>
public class FormioParityTests
{
    private static readonly string Root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
    private static readonly string Folder = Path.Combine(Root, "tests", "LeadRunner.Tests", "Forms", "Parity");

    [Fact]
    public async Task EveryCorpusCase_FormioAndTheServerAgree()
    {
        var corpus = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "cases.json")))!;
        var serverOnly = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "server-only.json")))!["checks"]!.AsArray()
            .Select(c => (string)c!["id"]!).ToHashSet(StringComparer.Ordinal);
        var formio = await RunFormioAsync();

        var disagreements = new List<string>();
        var index = 0;
        foreach (var suite in corpus["suites"]!.AsArray())
        {
            var read = FormSchemaReader.Read(new JsonObject { ["key"] = "parity", ["title"] = "对照", ["components"] = suite!["components"]!.DeepClone() });
            Assert.True(read.Definition is not null, $"{suite["name"]}：{string.Join("；", read.Errors.Select(e => $"{e.Path} {e.Message}"))}");
            foreach (var c in suite["cases"]!.AsArray())
            {
                var name = $"{suite["name"]} / {c!["name"]}";
                var theirs = formio[index++];
                Assert.Equal((string)c["name"]!, theirs.GetProperty("case").GetString());
                var outcome = SubmissionValidator.Validate(read.Definition!, c["data"]!.DeepClone().AsObject());
                var ours = outcome.Errors.Select(e => e.Key).Distinct().Order(StringComparer.Ordinal).ToList();
                var their = theirs.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
                if (c["serverOnly"] is { } check)
                {
                    Assert.True(serverOnly.Contains((string)check!), $"{name}: “{check}” is not on server-only.json.");
                    if (their.Count != 0 || ours.Count == 0)
                    {
                        disagreements.Add($"{name}: server-only {check} expects Form.io to accept and the server to refuse; Form.io [{string.Join(", ", their)}], server [{string.Join(", ", ours)}]");
                    }
                }
                else if (!ours.SequenceEqual(their))
                {
                    disagreements.Add($"{name}: Form.io [{string.Join(", ", their)}], server [{string.Join(", ", outcome.Errors.Select(e => $"{e.Key} {e.Message}"))}]");
                }
                foreach (var key in c["keeps"]?.AsArray().Select(k => (string)k!) ?? [])
                {
                    var expected = c["data"]![key];
                    var formioKept = theirs.GetProperty("data").TryGetProperty(key, out var kept) ? JsonNode.Parse(kept.GetRawText()) : null;
                    if (!JsonNode.DeepEquals(outcome.Data[key], expected) || !JsonNode.DeepEquals(formioKept, expected))
                    {
                        disagreements.Add($"{name}: “{key}” should be kept by both; server {outcome.Data[key]?.ToJsonString() ?? "dropped"}, Form.io {formioKept?.ToJsonString() ?? "dropped"}");
                    }
                }
            }
        }
        Assert.Equal(formio.Count, index);
        Assert.True(index > 50, "The corpus was not read.");
        Assert.Empty(disagreements);
    }

    private static async Task<List<JsonElement>> RunFormioAsync()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.ArgumentList.Add(Path.Combine(Folder, "formio-validate.cjs"));
        start.ArgumentList.Add(Path.Combine(Root, "src", "LeadRunner"));
        start.ArgumentList.Add(Path.Combine(Folder, "cases.json"));
        // Form.io's server reads date-only limits in its own time zone; ours is Beijing's.
        start.Environment["TZ"] = "Asia/Shanghai";
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, await error);
        using var document = JsonDocument.Parse(await output);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
