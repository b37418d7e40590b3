using System.Text.RegularExpressions;

namespace LeadRunner.Scripting;

/// <summary>
/// Scriban's parse and runtime messages in Chinese. People — administrators editing rules, and the public using the
/// self-check — never see Scriban's English; a message without a translation becomes a general Chinese one.
/// </summary>
public static partial class ScriptMessages
{
    private static readonly (Regex Pattern, Func<Match, string> Chinese)[] Known =
    [
        (new(@"^Exceeding number of iteration limit `(\d+)`"), m => $"循环次数超过上限（{m.Groups[1].Value} 次）"),
        (new(@"^Range expression exceeds LoopLimit `(\d+)`"), m => $"范围表达式超过循环上限（{m.Groups[1].Value} 次）"),
        (new(@"^Exceeding number of recursive depth limit `(\d+)`"), m => $"递归调用层数超过上限（{m.Groups[1].Value} 层）"),
        (new(@"^Exceeding recursive depth limit"), _ => "递归调用层数超过上限"),
        (new(@"^Rendered output exceeds OutputLimit `(\d+)`"), m => $"输出内容超过上限（{m.Groups[1].Value} 个字符）"),
        (new(@"(LimitToString|String multiplication exceeds|Joined string exceeds|String conversion reaches) `?(\d+)?"), _ => "文本长度超过上限"),
        (new(@"^Array multiplication result length exceeds"), _ => "数组长度超过上限"),
        (new(@"^The variable or function `([^`]*)` was not found"), m => $"变量或函数“{m.Groups[1].Value}”不存在"),
        (new(@"`([^`]*)` is null\. Cannot access (member|indexer)"), m => $"“{m.Groups[1].Value}”为空值，无法读取其{(m.Groups[2].Value == "member" ? "成员" : "下标")}"),
        (new(@"Cannot get the member (\S+) for a null object"), m => $"无法读取空值的成员 {m.Groups[1].Value.Trim('`', '.')}"),
        (new(@"is null\. Cannot perform this operation on a null value"), _ => "运算的一侧为空值，无法计算"),
        (new(@"^Both left and right expressions are null"), _ => "运算的两侧都是空值，无法计算"),
        (new(@"^Cannot divide by 0|divide by zero", RegexOptions.IgnoreCase), _ => "除数为零"),
        (new(@"^Unable to convert type `([^`]*)` to `([^`]*)`"), m => $"无法把 {m.Groups[1].Value} 类型的值转换为 {m.Groups[2].Value}"),
        (new(@"^Unable to parse (the integer|double value|float value)"), _ => "无法把文本解析为数字"),
        (new(@"^Expecting a boolean instead of"), _ => "此处应为 true 或 false"),
        (new(@"^Cannot set (a )?value (on|for) the readonly"), _ => "数据是只读的，不能修改"),
        (new(@"^Invalid number of arguments `(\d+)` passed to `([^`]*)`.*Expecting (.*)$"), m => $"函数 {m.Groups[2].Value} 的参数个数不对（给了 {m.Groups[1].Value} 个）"),
        (new(@"^Invalid number of (arguments|parameters)"), _ => "函数的参数个数不对"),
        (new(@"^Unexpected end of file while parsing a (verbatim )?string"), _ => "字符串缺少结尾的引号"),
        (new(@"^The <end> statement was not found"), _ => "缺少对应的 end"),
        (new(@"^Found <end> statement"), _ => "多余的 end，没有对应的块开始"),
        (new(@"^Unexpected code (block|clock) exit '}}'"), _ => "多余的 }}"),
        (new(@"^Expecting a closing parenthesis"), _ => "函数调用缺少右括号"),
        (new(@"^Expecting an <expression> to the right of the operator instead of `([^`]*)`"), m => $"运算符右侧应为表达式，而不是“{m.Groups[1].Value}”"),
        (new(@"^Expecting <expression> instead of `([^`]*)`"), m => $"此处应为表达式，而不是“{m.Groups[1].Value}”"),
        (new(@"^Expecting (.+) instead of `([^`]*)`"), m => $"此处不应出现“{m.Groups[2].Value}”"),
        (new(@"^(Unexpected|Invalid) token( found)? `([^`]*)`"), m => $"无法识别的符号“{m.Groups[3].Value}”"),
        (new(@"^Unexpected keyword found `([^`]*)`"), m => $"此处不应出现关键字“{m.Groups[1].Value}”"),
        (new(@"ExpressionDepthLimit|expression depth", RegexOptions.IgnoreCase), _ => "表达式嵌套层数超过上限"),
        (new(@"^Operator `?([^`\s]*)`? is not supported|The operator `([^`]*)`"), m => $"运算符“{(m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : m.Groups[2].Value)}”不能用于这些值"),
        (new(@"^Cannot index the"), _ => "该值不能按下标读取"),
        (new(@"^Cannot get member with name|^Cannot get or set a member on the primitive"), _ => "该值没有这个成员"),
    ];

    /// <summary>The Chinese form of a Scriban (or runtime) message; never the English text.</summary>
    public static string ToChinese(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "表达式无法执行";
        }
        if (!HasLatinWords().IsMatch(message))
        {
            return message; // already ours
        }
        foreach (var (pattern, chinese) in Known)
        {
            var match = pattern.Match(message);
            if (match.Success)
            {
                return chinese(match);
            }
        }
        return "表达式无法执行（语法或数据不符合要求）";
    }

    /// <summary>The Chinese form of a .NET exception thrown while a script ran (division by zero, overflow, a bad cast).</summary>
    public static string ToChinese(Exception exception) => exception switch
    {
        DivideByZeroException => "除数为零",
        OverflowException => "数值超出可计算的范围",
        InvalidCastException or FormatException => "数据类型不符合要求",
        NullReferenceException => "读取了不存在的数据",
        _ => ToChinese(exception?.Message),
    };

    // Two Latin words in a row: English prose, not a Chinese sentence quoting a variable name.
    [GeneratedRegex(@"[A-Za-z]{2,}\s+[A-Za-z]{2,}")]
    private static partial Regex HasLatinWords();
}
