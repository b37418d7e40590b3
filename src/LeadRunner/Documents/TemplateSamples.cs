using System.Text.Json.Nodes;
using LeadRunner.Programmes;

namespace LeadRunner.Documents;

/// <summary>
/// The data templates are tried with before a version goes live, and the settings blank versions are rendered with:
/// templates/samples/{key}.json (else default.json) and the newest year's programme settings.
/// </summary>
public sealed class TemplateSamples(IHostEnvironment environment, ProgrammeSettings programmes)
{
    /// <summary>The newest year's current settings, or null before any programme exists.</summary>
    public JsonObject? CurrentProgramme() =>
        programmes.Years.Count == 0 ? null : programmes.ForYear(programmes.Years.Max());

    /// <summary>Sample data for <paramref name="key"/> with the current settings as <c>programme</c>.</summary>
    public DocumentData Filled(string key)
    {
        var folder = Path.Combine(TemplateFiles.Folder(environment.ContentRootPath), "samples");
        var file = Path.Combine(folder, key + ".json");
        if (!File.Exists(file))
        {
            file = Path.Combine(folder, "default.json");
        }
        var json = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? [] : [];
        json["programme"] = CurrentProgramme();
        return DocumentData.FromJson(json);
    }

    /// <summary>A blank version's data: the settings only (of <paramref name="year"/> when named, else the newest year's, for the template editor's preview).</summary>
    public DocumentData Blank(int? year = null) => new() { Programme = year is { } y ? programmes.ForYear(y) : CurrentProgramme() };
}
