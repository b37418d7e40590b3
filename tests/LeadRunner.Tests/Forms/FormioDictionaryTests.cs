using System.Diagnostics;
using System.Text.Json;
using LeadRunner.Hosting;

namespace LeadRunner.Tests.Forms;

/// <summary>
/// The Chinese Form.io dictionary (wwwroot/js/formio-setup.js) has every key of Form.io's English ones, so no message
/// key such as fileWithDuplicatedNameLoaded ever shows on a page. Read by node (it builds the front end already).
/// </summary>
public class FormioDictionaryTests
{
    [Fact]
    public async Task ChineseDictionary_CoversEveryEnglishKey_InChinese()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "tests", "LeadRunner.Tests", "Forms", "formio-zh-coverage.cjs"));
        start.ArgumentList.Add(Path.Combine(root, "src", "LeadRunner"));
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, error);

        using var result = JsonDocument.Parse(output);
        Assert.True(result.RootElement.GetProperty("english").GetInt32() > 200, "Form.io's English dictionaries were not read.");
        Assert.Empty(result.RootElement.GetProperty("missing").EnumerateArray().Select(k => k.GetString()));
        Assert.Empty(result.RootElement.GetProperty("untranslated").EnumerateArray().Select(k => k.GetString()));
    }
}
