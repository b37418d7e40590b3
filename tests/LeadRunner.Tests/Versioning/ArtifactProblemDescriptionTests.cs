using System.Text.Json.Nodes;
using LeadRunner.Tests.Hosting.ApiDescription;

namespace LeadRunner.Tests.Versioning;

/// <summary>
/// The editors' refusals are described as they are answered: each 400 and 409 of an administrator's edit has exactly
/// one body, the validation problem with locations (issue 18), as application/problem+json.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class ArtifactProblemDescriptionTests(ServedDescription served) : IClassFixture<ServedDescription>
{
    public static TheoryData<string, int, string> Refusals => new()
    {
        { "CreateWorkflowDraft", 400, "ArtifactProblem" }, { "CreateWorkflowDraft", 409, "ArtifactProblem" },
        { "UpdateWorkflowDraft", 400, "ArtifactProblem" }, { "UpdateWorkflowDraft", 409, "ArtifactProblem" },
        { "PublishWorkflowVersion", 400, "ArtifactProblem" }, { "PublishWorkflowVersion", 409, "WorkflowsApiPublishBlocked" },
        { "RollbackWorkflowVersion", 400, "ArtifactProblem" }, { "RollbackWorkflowVersion", 409, "WorkflowsApiPublishBlocked" },
        { "ImportWorkflowDefinition", 400, "ArtifactProblem" }, { "ImportWorkflowDefinition", 409, "ArtifactProblem" },
        { "PreviewTemplate", 400, "ArtifactProblem" },
        { "SaveTemplate", 400, "ArtifactProblem" }, { "SaveTemplate", 409, "ArtifactProblem" },
        { "RollbackTemplate", 400, "ArtifactProblem" }, { "RollbackTemplate", 409, "ArtifactProblem" },
        { "SaveEligibilityRule", 400, "ArtifactProblem" }, { "SaveEligibilityRule", 409, "ArtifactProblem" },
        { "TryEligibilityRule", 400, "ArtifactProblem" },
        { "SaveProgrammeSettings", 400, "ArtifactProblem" }, { "SaveProgrammeSettings", 409, "ArtifactProblem" },
        { "CopyProgramme", 400, "ArtifactProblem" }, { "CopyProgramme", 409, "ArtifactProblem" },
        { "RollbackArtifactVersion", 400, "ArtifactProblem" }, { "RollbackArtifactVersion", 409, "ArtifactProblem" },
        { "RetractArtifactVersion", 400, "ArtifactProblem" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EditorRefusal_HasOneProblemBody_WithLocations(string operationId, int status, string schema)
    {
        var operation = served.Operations().Single(o => (string?)o.Operation["operationId"] == operationId).Operation;
        var content = operation["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!.AsObject();
        var only = Assert.Single(content);
        Assert.Equal("application/problem+json", only.Key);
        Assert.Equal($"#/components/schemas/{schema}", (string?)only.Value!["schema"]!["$ref"]);
    }

    [Fact]
    public void ArtifactProblem_CarriesTheErrorsDictionary_AndTheLocatedList()
    {
        var properties = served.Document["components"]!["schemas"]!["ArtifactProblem"]!["properties"]!.AsObject();
        Assert.Superset(new HashSet<string>(["type", "title", "status", "detail", "errors", "locations"]), properties.Select(p => p.Key).ToHashSet());
        var blocked = served.Document["components"]!["schemas"]!["WorkflowsApiPublishBlocked"]!["properties"]!.AsObject();
        Assert.True(blocked.ContainsKey("locations") && blocked.ContainsKey("steps"));
    }
}
