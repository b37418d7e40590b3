using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// For a route that answers one of several bodies chosen by its parameters (a round's lists by name and format): the
/// success response lists every shape as a branch of an anyOf, each object type a named schema, so a client author
/// sees them all instead of an empty schema. anyOf, not oneOf: an empty list, or options that carry extra fields,
/// match more than one branch.
/// </summary>
public static class ResponseShapes
{
    public static TBuilder ProducesAnyOf<TBuilder>(this TBuilder builder, int status, string description, params Type[] shapes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var branches = new List<IOpenApiSchema>();
            foreach (var shape in shapes)
            {
                branches.Add(await SchemaAsync(shape, context, cancellationToken));
            }
            operation.Responses ??= [];
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { AnyOf = branches } } },
            };
        });

    /// <summary>A list as an array of its element's schema, an object type as a reference to its named schema, anything else inline.</summary>
    public static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = context.ApplicationServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await SchemaAsync(element, context, cancellationToken) };
        }
        var id = info.Kind == JsonTypeInfoKind.Object
            ? context.ApplicationServices.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get(context.DocumentName).CreateSchemaReferenceId(info)
            : null;
        if (id is null || context.Document is not { } document)
        {
            return await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }
        return new OpenApiSchemaReference(id, document);
    }
}
