using LeadRunner.Hosting;

namespace LeadRunner.Programmes;

/// <summary>workflows/schema/programme.schema.json: the shape of a year's settings.</summary>
public sealed class ProgrammeSchema(IHostEnvironment environment) : JsonSchemaChecker(environment, "programme.schema.json");
