using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LeadRunner.Hosting;

/// <summary>
/// A one-sheet Excel workbook under Chinese headers, written row by row (the exports of the audit log, the work lists and
/// the support ledger): text cells, and number cells for amounts so that a reader's Excel can add them up.
/// </summary>
public static class XlsxSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook; packaging needs a seekable stream, so callers write to memory, then send it.</summary>
    public static Task WriteAsync(Stream output, string sheetName, IEnumerable<string> headers, IAsyncEnumerable<IEnumerable<string?>> rows,
        CancellationToken cancellationToken) => WriteValuesAsync(output, sheetName, headers, rows, cancellationToken);

    /// <summary>As <see cref="WriteAsync"/>; a decimal, int or long value becomes a number cell, anything else text.</summary>
    public static async Task WriteValuesAsync(Stream output, string sheetName, IEnumerable<string> headers, IAsyncEnumerable<IEnumerable<object?>> rows,
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

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            if (value is decimal or int or long)
            {
                writer.WriteElement(new Cell(new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture))) { DataType = CellValues.Number });
                continue;
            }
            // Inline strings: no shared-string table to build, and text is never read as a formula.
            writer.WriteElement(new Cell(new InlineString(new Text(Clean(value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")) { Space = SpaceProcessingModeValues.Preserve }))
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
