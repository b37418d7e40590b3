using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadRunner.Documents;

/// <summary>
/// The templates in the repository: templates/templates.json declares each template (key, title, annex number, the
/// data it binds, whether a blank version exists) and templates/{key}.sbn-html holds its text.
/// </summary>
public static class TemplateFiles
{
    public const string Suffix = ".sbn-html";
    public const string ManifestName = "templates.json";

    public sealed record Entry(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("annex")] int? Annex,
        [property: JsonPropertyName("binds")] IReadOnlyList<string> Binds,
        [property: JsonPropertyName("blank")] bool Blank);

    private sealed record Manifest([property: JsonPropertyName("templates")] IReadOnlyList<Entry> Templates);

    public static string Folder(string contentRoot) => Path.Combine(contentRoot, "templates");

    /// <summary>The declared templates with their file text, in manifest order; a declared template without a file is an error.</summary>
    public static IReadOnlyList<(Entry Entry, string Text)> Read(string folder)
    {
        var manifestPath = Path.Combine(folder, ManifestName);
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath))
            ?? throw new InvalidOperationException($"{manifestPath} 为空。");
        return [.. manifest.Templates.Select(e =>
        {
            var file = Path.Combine(folder, e.Key + Suffix);
            return File.Exists(file) ? (e, File.ReadAllText(file)) : throw new InvalidOperationException($"模板清单声明了 {e.Key}，但缺少文件 {file}。");
        })];
    }

    /// <summary>One fingerprint over the manifest and every template file, to notice any change at start.</summary>
    public static string Fingerprint(string folder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
