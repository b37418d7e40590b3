using LeadRunner.Data;
using LeadRunner.Uploads;

namespace LeadRunner.Forms;

/// <summary>
/// Tells the uploads feature a file field's own limits (Form.io's <c>fileMaxSize</c> and <c>filePattern</c>) from the
/// form's published version, so an oversized or wrong-typed file is refused while it uploads, not at submission.
/// </summary>
public sealed class FormUploadFieldRules(IServiceScopeFactory scopes, FormDefinitions definitions) : IUploadFieldRules
{
    public async ValueTask<UploadFieldRule?> GetRulesAsync(string formKey, string fieldKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var current = await definitions.CurrentAsync(db, formKey, cancellationToken);
        if (current is null || Find(current.Definition.Components, fieldKey)?.File is not { } rule)
        {
            return null;
        }
        var types = rule.Patterns
            .Where(p => p is not ("*" or ""))
            .Select(p => UploadContentTypes.Find(p.Trim()))
            .OfType<UploadContentType>()
            .Distinct()
            .ToList();
        return new UploadFieldRule(rule.MaxSize, types.Count == 0 ? null : types);
    }

    private static FormComponent? Find(IEnumerable<FormComponent> components, string key)
    {
        foreach (var component in components)
        {
            if (component.Key == key && component.File is not null)
            {
                return component;
            }
            if (Find(component.Children, key) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }
}
