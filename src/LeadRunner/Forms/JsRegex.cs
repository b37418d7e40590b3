using System.Text;
using System.Text.RegularExpressions;

namespace LeadRunner.Forms;

/// <summary>
/// A JavaScript regular expression (no flags, as Form.io builds <c>new RegExp(`^${pattern}$`)</c>) rewritten for .NET so
/// that both engines accept the same strings: <c>\d</c>, <c>\w</c>, <c>\s</c> and <c>\b</c> keep JavaScript's ASCII
/// (and JavaScript's whitespace) meaning, <c>$</c> matches only at the very end, <c>.</c> stops at every line terminator,
/// and escapes JavaScript reads as plain letters (<c>\p</c>, <c>\A</c>, <c>\z</c>) stay plain letters.
/// </summary>
public static class JsRegex
{
    private const string Word = "a-zA-Z0-9_";
    private const string Space = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    private const string WordBoundary = @"(?:(?<=[a-zA-Z0-9_])(?![a-zA-Z0-9_])|(?<![a-zA-Z0-9_])(?=[a-zA-Z0-9_]))";
    private const string JsEscapes = "dDwWsSbBtnvfrcxuk0123456789";

    /// <summary>Form.io's pattern check: the whole value against <c>^pattern$</c>, JavaScript semantics.</summary>
    public static Regex FormioPattern(string pattern, TimeSpan timeout) =>
        new(Translate("^" + pattern + "$"), RegexOptions.CultureInvariant, timeout);

    /// <summary>The .NET pattern matching what the JavaScript pattern matches; throws ArgumentException where JavaScript would not compile it.</summary>
    public static string Translate(string js)
    {
        var o = new StringBuilder(js.Length + 16);
        var inClass = false;
        for (var i = 0; i < js.Length; i++)
        {
            var ch = js[i];
            if (ch == '\\')
            {
                if (i + 1 >= js.Length)
                {
                    throw new ArgumentException("pattern ends with a backslash");
                }
                i++;
                o.Append(Escape(js, ref i, inClass));
                continue;
            }
            if (inClass)
            {
                switch (ch)
                {
                    case ']':
                        inClass = false;
                        o.Append(']');
                        break;
                    case '[':
                        o.Append(@"\[");
                        break;
                    default:
                        o.Append(ch);
                        break;
                }
                continue;
            }
            switch (ch)
            {
                case '[':
                    if (js.AsSpan(i).StartsWith("[]"))
                    {
                        o.Append("(?!)");
                        i++;
                    }
                    else if (js.AsSpan(i).StartsWith("[^]"))
                    {
                        o.Append(@"[\s\S]");
                        i += 2;
                    }
                    else
                    {
                        inClass = true;
                        o.Append('[');
                        if (i + 1 < js.Length && js[i + 1] == '^')
                        {
                            o.Append('^');
                            i++;
                        }
                        // A leading ']' in .NET is a literal; in JavaScript it closes the (empty) class, handled above.
                    }
                    break;
                case '$':
                    o.Append(@"\z");
                    break;
                case '.':
                    o.Append(@"[^\n\r\u2028\u2029]");
                    break;
                case '(' when i + 2 < js.Length && js[i + 1] == '?' && !IsJsGroup(js, i):
                    throw new ArgumentException("group syntax JavaScript does not know");
                default:
                    o.Append(ch);
                    break;
            }
        }
        if (inClass)
        {
            throw new ArgumentException("unterminated character class");
        }
        return o.ToString();
    }

    // (?: (?= (?! (?<= (?<! (?<name> are the groups a JavaScript engine compiles; (?> (?i) (?# are .NET's own.
    private static bool IsJsGroup(string js, int i)
    {
        var rest = js.AsSpan(i + 2);
        return rest.StartsWith(":") || rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!")
            || (rest.Length > 1 && rest[0] == '<' && (char.IsAsciiLetter(rest[1]) || rest[1] == '_' || rest[1] == '$'));
    }

    private static string Escape(string js, ref int i, bool inClass)
    {
        var e = js[i];
        switch (e)
        {
            case 'd': return inClass ? "0-9" : "[0-9]";
            case 'D': return inClass ? Refuse(@"\D") : "[^0-9]";
            case 'w': return inClass ? Word : $"[{Word}]";
            case 'W': return inClass ? Refuse(@"\W") : $"[^{Word}]";
            case 's': return inClass ? Space : $"[{Space}]";
            case 'S': return inClass ? Refuse(@"\S") : $"[^{Space}]";
            case 'b': return inClass ? @"\b" : WordBoundary;
            case 'B': return inClass ? "B" : $"(?!{WordBoundary})";
            case 'u' when i + 4 < js.Length && IsHex(js.AsSpan(i + 1, 4)):
                i += 4;
                return string.Concat(@"\u", js.AsSpan(i - 3, 4));
            case 'x' when i + 2 < js.Length && IsHex(js.AsSpan(i + 1, 2)):
                i += 2;
                return string.Concat(@"\x", js.AsSpan(i - 1, 2));
            case 'u' or 'x':
                return e.ToString();
            case 'c' when i + 1 < js.Length && char.IsAsciiLetter(js[i + 1]):
                i++;
                return @"\c" + js[i];
            case 'k' when i + 1 < js.Length && js[i + 1] == '<':
                return @"\k";
            case '0' when i + 1 >= js.Length || !char.IsAsciiDigit(js[i + 1]):
                return @"\0";
        }
        if (char.IsAsciiDigit(e))
        {
            // A backreference outside a class; inside one JavaScript reads octal, rare enough to refuse.
            return inClass ? Refuse(@"\" + e) : @"\" + e;
        }
        if (JsEscapes.Contains(e) || !char.IsAsciiLetterOrDigit(e))
        {
            // \t \n \v \f \r and escaped punctuation mean the same in both engines.
            return e is 't' or 'n' or 'v' or 'f' or 'r' || !char.IsAsciiLetterOrDigit(e) ? @"\" + e : e.ToString();
        }
        // Any other escaped letter (\p, \a, \e, \A, \z, \Z, \G) is that letter to JavaScript.
        return e.ToString();
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static string Refuse(string what) => throw new ArgumentException($"{what} inside a character class is not supported");
}
