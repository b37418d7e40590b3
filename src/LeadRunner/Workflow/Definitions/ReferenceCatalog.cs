using LeadRunner.Hosting;

namespace LeadRunner.Workflow.Definitions;

/// <summary>What a definition may refer to besides itself: forms, document templates and other workflows.</summary>
public interface IReferenceCatalog
{
    bool FormExists(string key);
    bool TemplateExists(string key);
    IReadOnlyCollection<string> FormKeys { get; }
    IReadOnlyCollection<string> TemplateKeys { get; }
}

/// <summary>Forms are the form definitions in workflows/forms (*.form.json); templates are files in templates/.</summary>
public sealed class FileReferenceCatalog(IHostEnvironment environment) : IReferenceCatalog
{
    public IReadOnlyCollection<string> FormKeys => Keys(Path.Combine(environment.ContentRootPath, "workflows", "forms"), ".form.json");

    public bool FormExists(string key) => FormKeys.Contains(key);

    public IReadOnlyCollection<string> TemplateKeys => Keys(Path.Combine(environment.ContentRootPath, "templates"), ".sbn-html");

    public bool TemplateExists(string key) => TemplateKeys.Contains(key);

    private static HashSet<string> Keys(string folder, string suffix) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + suffix).Select(f => Path.GetFileName(f)[..^suffix.Length]).ToHashSet()
            : [];
}
