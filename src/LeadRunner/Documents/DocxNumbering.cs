using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LeadRunner.Documents;

/// <summary>
/// Word numbering for the lists of a document. Each list gets its own numbering instance so it starts again at 1;
/// the number is followed directly by the text and indented two characters, as numbered items are in 公文.
/// </summary>
internal sealed class DocxNumbering(NumberingDefinitionsPart part)
{
    /// <summary>The list kinds of the HTML subset: class on &lt;ol&gt; → Word number format and text.</summary>
    public enum Kind { Decimal = 1, Paren = 2, Chinese = 3, ParenChinese = 4, Bullet = 5 }

    private readonly List<NumberingInstance> _instances = [];

    public NumberingDefinitionsPart Part { get; } = part;

    public static Kind KindOf(string tag, IEnumerable<string> classes) =>
        tag == "ul" ? Kind.Bullet
        : classes.Contains("paren-cn") ? Kind.ParenChinese
        : classes.Contains("cn") ? Kind.Chinese
        : classes.Contains("paren") ? Kind.Paren
        : Kind.Decimal;

    /// <summary>A new list: returns its numbering id.</summary>
    public int Start(Kind kind, int start)
    {
        var id = _instances.Count + 1;
        var instance = new NumberingInstance(new AbstractNumId { Val = (int)kind }) { NumberID = id };
        instance.Append(new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = 0 });
        _instances.Add(instance);
        return id;
    }

    public Numbering Build()
    {
        var numbering = new Numbering();
        foreach (var kind in Enum.GetValues<Kind>())
        {
            numbering.Append(Abstract(kind));
        }
        foreach (var instance in _instances)
        {
            numbering.Append(instance);
        }
        return numbering;
    }

    private static AbstractNum Abstract(Kind kind)
    {
        var (format, text) = kind switch
        {
            Kind.Paren => (NumberFormatValues.Decimal, "（%1）"),
            Kind.Chinese => (NumberFormatValues.ChineseCounting, "%1、"),
            Kind.ParenChinese => (NumberFormatValues.ChineseCounting, "（%1）"),
            Kind.Bullet => (NumberFormatValues.Bullet, "●"),
            _ => (NumberFormatValues.Decimal, "%1."),
        };
        var level = new Level(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = format },
            new LevelSuffix { Val = LevelSuffixValues.Nothing },
            new LevelText { Val = text },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = "0", FirstLine = "640", FirstLineChars = 200 }))
        { LevelIndex = 0 };
        return new AbstractNum(new MultiLevelType { Val = MultiLevelValues.SingleLevel }, level) { AbstractNumberId = (int)kind };
    }
}
