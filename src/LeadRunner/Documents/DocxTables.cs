using System.Globalization;
using AngleSharp.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// HTML tables as bordered Word tables. colspan becomes gridSpan; rowspan becomes a vMerge "restart" cell followed by
/// "continue" cells in the rows below, which Word needs as real cells in the grid.
/// </summary>
internal static class DocxTables
{
    private abstract record Slot(int Span);
    private sealed record Origin(IElement Cell, int Span, bool Merged) : Slot(Span);
    private sealed record Continued(int Span) : Slot(Span);
    private sealed record Empty() : Slot(1);

    public static void Write(IElement html, OpenXmlCompositeElement into, DocxBlockWriter writer, DocxBlockWriter.Block block)
    {
        var rows = html.QuerySelectorAll("tr").Where(r => r.Closest("table") == html).ToList();
        var layout = Layout(rows);
        var columns = Math.Max(1, layout.Max(r => r.Sum(s => s.Span)));
        var widths = ColumnWidths(html, columns);

        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TopMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        for (var r = 0; r < rows.Count; r++)
        {
            var row = new TableRow();
            if (rows[r].ParentElement?.LocalName == "thead")
            {
                // Header rows repeat on every page a long table runs over.
                row.Append(new TableRowProperties(new TableHeader()));
            }
            var column = 0;
            foreach (var slot in layout[r])
            {
                var width = widths.Skip(column).Take(slot.Span).Sum();
                column += slot.Span;
                row.Append(Cell(slot, width, writer, block));
            }
            // Rows shorter than the grid are filled, so every row spans the whole table.
            for (; column < columns; column++)
            {
                row.Append(Cell(new Empty(), widths[column], writer, block));
            }
            table.Append(row);
        }
        into.Append(table);
    }

    private static TableCell Cell(Slot slot, int width, DocxBlockWriter writer, DocxBlockWriter.Block block)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (slot.Span > 1)
        {
            props.Append(new GridSpan { Val = slot.Span });
        }
        if (slot is Origin { Merged: true })
        {
            props.Append(new VerticalMerge { Val = MergedCellValues.Restart });
        }
        else if (slot is Continued)
        {
            props.Append(new VerticalMerge());
        }
        props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var cell = new TableCell(props);
        if (slot is Origin origin)
        {
            var isHeader = origin.Cell.LocalName == "th";
            var cellBlock = block with { Style = DocxStyles.TableText, Signature = false, NoIndent = false, Bold = isHeader,
                Align = isHeader ? JustificationValues.Center : null };
            writer.WriteBlocks(origin.Cell.ChildNodes, DocxBlockWriter.WithClasses(cellBlock, origin.Cell), cell);
        }
        // A cell holds at least one paragraph.
        if (!cell.Elements<Paragraph>().Any() || cell.LastChild is Table)
        {
            cell.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.TableText })));
        }
        return cell;
    }

    /// <summary>Places the cells of every row on the grid, leaving the places that rowspans above occupy.</summary>
    private static List<List<Slot>> Layout(List<IElement> rows)
    {
        var result = new List<List<Slot>>();
        var pending = new SortedDictionary<int, (int RowsLeft, int Span)>();
        foreach (var row in rows)
        {
            var slots = new List<Slot>();
            var cells = new Queue<IElement>(row.Children.Where(c => c.LocalName is "td" or "th"));
            var column = 0;
            while (cells.Count > 0 || pending.Keys.Any(k => k >= column))
            {
                if (pending.TryGetValue(column, out var above))
                {
                    slots.Add(new Continued(above.Span));
                    pending[column] = (above.RowsLeft - 1, above.Span);
                    column += above.Span;
                    continue;
                }
                if (cells.Count == 0)
                {
                    slots.Add(new Empty());
                    column++;
                    continue;
                }
                var cell = cells.Dequeue();
                var span = Math.Clamp(Number(cell, "colspan"), 1, 50);
                var rowSpan = Math.Clamp(Number(cell, "rowspan"), 1, 500);
                slots.Add(new Origin(cell, span, rowSpan > 1));
                if (rowSpan > 1)
                {
                    pending[column] = (rowSpan - 1, span);
                }
                column += span;
            }
            foreach (var done in pending.Where(p => p.Value.RowsLeft <= 0).Select(p => p.Key).ToList())
            {
                pending.Remove(done);
            }
            result.Add(slots);
        }
        return result;
    }

    private static int Number(IElement cell, string attribute) =>
        int.TryParse(cell.GetAttribute(attribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;

    /// <summary>Widths from &lt;col width="20%"&gt; where given; the rest of the text width shared equally.</summary>
    private static int[] ColumnWidths(IElement table, int columns)
    {
        var percents = new double?[columns];
        var i = 0;
        foreach (var col in table.QuerySelectorAll("col"))
        {
            if (i >= columns)
            {
                break;
            }
            var text = col.GetAttribute("width")?.TrimEnd('%');
            percents[i++] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : null;
        }
        var given = percents.Where(p => p is not null).Sum(p => p!.Value);
        var free = percents.Count(p => p is null);
        var rest = free == 0 ? 0 : Math.Max(0, 100 - given) / free;
        return [.. percents.Select(p => (int)(DocxLayout.TextWidth * (p ?? rest) / 100))];
    }
}
