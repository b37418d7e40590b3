using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using Microsoft.Extensions.Hosting;

namespace LeadRunner.Tests.Workflow.Definitions;

/// <summary>Every definition shipped in workflows/ loads and passes validation.</summary>
public class DefinitionFilesTests
{
    internal static readonly string Root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;

    internal static DefinitionValidator Validator()
    {
        var environment = new TestEnvironment(Root);
        return new DefinitionValidator(new WorkflowSchema(environment), new ScriptSandbox(), new FileReferenceCatalog(environment));
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "workflows"), "*.workflow.json"))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedDefinition_IsValid(string file)
    {
        var result = Validator().Validate(File.ReadAllText(Path.Combine(Root, "workflows", file)));
        Assert.True(result.Valid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(file.Replace(".workflow.json", "", StringComparison.Ordinal), result.Definition!.Id);
    }

    [Fact]
    public void BothProcessDefinitionsAreShipped()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "workflows"), "*.workflow.json").Select(Path.GetFileName).ToList();
        Assert.Contains("recognition.workflow.json", files);
        Assert.Contains("pool-entry.workflow.json", files);
    }

    [Fact]
    public void Recognition_ModelsTheRoundOfTheGuideline()
    {
        var d = Validator().Validate(File.ReadAllText(Path.Combine(Root, "workflows", "recognition.workflow.json"))).Definition!;
        Assert.Equal("county", d.Step("countyReview")!.Assignee!.Role);
        Assert.Equal(ScopeRule.ApplicantUnit, d.Step("cityReview")!.Assignee!.Scope);
        Assert.Equal("deadlines.city", d.Step("cityReview")!.Deadline!.Setting);
        Assert.Equal(["approve", "return", "reject"], d.From("countyReview").Select(t => t.Key));
        // The round's collective acts take these: a 公示 batch, an upheld objection, the final list.
        Assert.Equal(["publicize", "return"], d.From(LeadRunner.Publicity.RoundActs.AwaitingPublicity).Select(t => t.Key));
        Assert.Equal(["uphold", "authorize"], d.From(LeadRunner.Publicity.RoundActs.InPublicity).Select(t => t.Key));
        Assert.Equal("approved", d.Step("approved")!.Outcome);
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "LeadRunner";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
