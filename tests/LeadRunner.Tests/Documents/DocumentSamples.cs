using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using LeadRunner.Documents;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Documents;

/// <summary>The repository's templates and sample data, rendered without a database, and helpers to read a .docx back.</summary>
internal static class DocumentSamples
{
    public static readonly string Root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
    public static readonly string Folder = TemplateFiles.Folder(Root);

    public static DocumentRenderer Renderer() => new(new ScriptSandbox(), TemplateLibrary.FromFolder(Folder));

    public static JsonObject Programme2024() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "workflows", "programmes", "2024.json")))!.AsObject();

    /// <summary>The sample file with the 2024 settings as programme.</summary>
    public static DocumentData Filled()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "samples", "default.json")))!.AsObject();
        json["programme"] = Programme2024();
        return DocumentData.FromJson(json);
    }

    public static DocumentData BlankData() => new() { Programme = Programme2024() };

    public static IReadOnlyList<string> Keys => [.. TemplateFiles.Read(Folder).Select(t => t.Entry.Key)];

    /// <summary>Every schema or semantic error OpenXmlValidator finds, as readable lines.</summary>
    public static List<string> ValidationErrors(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        return [.. new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>The text of every paragraph of the body, tables included, as Word shows it.</summary>
    public static string BodyText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", word.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    public static T Read<T>(byte[] docx, Func<WordprocessingDocument, T> read)
    {
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        return read(word);
    }
}
