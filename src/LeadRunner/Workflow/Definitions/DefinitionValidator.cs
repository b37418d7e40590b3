using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LeadRunner.Accounts;
using LeadRunner.Scripting;
using LeadRunner.Versioning;

namespace LeadRunner.Workflow.Definitions;

/// <summary>
/// Checks a definition before it is saved or published: the JSON Schema shared with the editor, then the rules the
/// schema cannot express — every target exists, every step is reachable and has a way out, roles and scopes fit,
/// forms exist, guards and effects parse. Errors carry the JSON path and line/column.
/// </summary>
public sealed class DefinitionValidator(WorkflowSchema schema, ScriptSandbox scripts, IReferenceCatalog catalog)
{
    public sealed record Result(WorkflowDefinition? Definition, IReadOnlyList<ValidationError> Errors)
    {
        public bool Valid => Errors.Count == 0 && Definition is not null;
    }

    public Result Validate(string json, IReadOnlySet<string>? knownWorkflows = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new Result(null, [new ValidationError("$", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"JSON 格式错误：{ex.Message}")]);
        }

        var positions = JsonPositions.Of(json);
        var schemaErrors = schema.Check(node).Select(e => At(positions, e.Path, e.Message)).ToList();
        if (schemaErrors.Count > 0)
        {
            return new Result(null, schemaErrors);
        }

        var definition = DefinitionJson.Read(json);
        var errors = new SemanticRules(definition, scripts, catalog, knownWorkflows).Check()
            .Select(e => At(positions, e.Path, e.Message)).ToList();
        return new Result(definition, errors);
    }

    private static ValidationError At(JsonPositions positions, string path, string message)
    {
        var (line, column) = positions.Find(path);
        return new ValidationError(path, line, column, message);
    }

    /// <summary>Roles that may stand behind each scope rule.</summary>
    public static bool ScopeFits(string role, ScopeRule scope) => (role, scope) switch
    {
        (Roles.Enterprise, ScopeRule.Applicant) => true,
        (Roles.County, ScopeRule.ApplicantCounty) => true,
        (Roles.City, ScopeRule.ApplicantUnit) => true,
        (Roles.Province or Roles.SysAdmin, ScopeRule.Province) => true,
        _ => false,
    };
}
