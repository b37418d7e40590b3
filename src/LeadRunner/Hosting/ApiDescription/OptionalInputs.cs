using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// A request body's record lists every constructor parameter as required, but the binder fills a missing nullable one
/// with null: in a request body such a property is optional, so a client need not send <c>"organisation": null</c>.
/// Responses keep them required, since the server always writes them; a type that is both in a body and in a response
/// (a content item's attachment) has one schema, described as the body reads it.
/// </summary>
public sealed class OptionalInputs : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.ParameterDescription?.Source != BindingSource.Body || schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }
        // The constructor parameter's annotation decides (string?, int?, JsonObject?); C# required or [JsonRequired] keeps it required.
        foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsSetNullable && !p.IsRequired))
        {
            required.Remove(property.Name);
        }
        return Task.CompletedTask;
    }
}
