using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LeadRunner.Hosting;

/// <summary>A one-sheet Excel workbook of text cells under Chinese headers, written row by row (the exports of the audit log and the work lists).</summary>
public static class XlsxSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook; packaging needs a seekable stream, so callers write to memory, then send it.</summary>
    public static async Task WriteAsync(Stream output, string sheetName, IEnumerable<string> headers, IAsyncEnumerable<IEnumerable<string?>> rows,
        CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, headers);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                WriteRow(writer, row);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<string?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            // Inline strings: no shared-string table to build, and every cell is text (nothing is read as a formula).
            writer.WriteElement(new Cell(new InlineString(new Text(Clean(value ?? "")) { Space = SpaceProcessingModeValues.Preserve }))
            {
                DataType = CellValues.InlineString,
            });
        }
        writer.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters; a value holding one is still exported, without it.
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;
}
