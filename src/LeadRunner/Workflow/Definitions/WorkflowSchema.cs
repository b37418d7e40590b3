using LeadRunner.Hosting;

namespace LeadRunner.Workflow.Definitions;

/// <summary>workflows/schema/workflow.schema.json, shared by the editor and the server.</summary>
public sealed class WorkflowSchema(IHostEnvironment environment) : JsonSchemaChecker(environment, "workflow.schema.json");
