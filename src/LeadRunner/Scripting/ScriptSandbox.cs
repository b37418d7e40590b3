using System.Collections.Concurrent;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LeadRunner.Scripting;

/// <summary>
/// Runs administrators' Scriban expressions (guards, rules, effects) and templates in a sandbox: they see only the
/// data passed in (as script objects, never .NET members), with loop, recursion, output and time limits.
/// </summary>
public sealed class ScriptSandbox
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(500);

    // Building Scriban's built-in functions costs more than running a typical rule, so every run shares one set,
    // frozen so that no script can change it for the others.
    private static readonly ScriptObject Builtins = Freeze(new BuiltinFunctions());

    private readonly ConcurrentDictionary<(string, bool), ParseResult> _cache = new();

    public sealed record ScriptError(string Message, int Line, int Column)
    {
        public override string ToString() => $"第 {Line} 行第 {Column} 列：{Message}";
    }

    public sealed record ParseResult(Template? Template, IReadOnlyList<ScriptError> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    /// <summary>Parses an expression such as <c>vars.partners &gt;= settings.minPartners</c>; cached by text.</summary>
    public ParseResult ParseExpression(string expression) => _cache.GetOrAdd((expression, true), static key => Parse(key.Item1, ScriptMode.ScriptOnly));

    /// <summary>Parses text with <c>{{ … }}</c> blocks (messages, titles, documents); cached by text.</summary>
    public ParseResult ParseTemplate(string text) => _cache.GetOrAdd((text, false), static key => Parse(key.Item1, ScriptMode.Default));

    private static ParseResult Parse(string text, ScriptMode mode)
    {
        var template = Template.Parse(text, lexerOptions: new LexerOptions { Mode = mode },
            parserOptions: new ParserOptions { ExpressionDepthLimit = 64, ParseFloatAsDecimal = true });
        if (!template.HasErrors)
        {
            return new ParseResult(template, []);
        }
        var errors = template.Messages.Where(m => m.Type == ParserMessageType.Error)
            .Select(m => new ScriptError(ScriptMessages.ToChinese(m.Message), m.Span.Start.Line + 1, m.Span.Start.Column + 1)).ToList();
        return new ParseResult(null, errors);
    }

    /// <summary>Evaluates a parsed expression. Failures of any kind become <see cref="ScriptFailureException"/> with a Chinese message.</summary>
    public object? Evaluate(Template template, IReadOnlyDictionary<string, object?> globals) =>
        Run(template, globals, context => template.Evaluate(context));

    public string Render(Template template, IReadOnlyDictionary<string, object?> globals) =>
        (string)Run(template, globals, context => template.Render(context))!;

    /// <summary>
    /// Renders a document: extra functions (the document helpers, read-only) beside the data, and absent
    /// data reads as null all the way down (<c>application.merger.parties</c> with no application), because a
    /// document shows missing data as a placeholder instead of failing.
    /// </summary>
    public string RenderDocument(Template template, IReadOnlyDictionary<string, object?> globals, params ScriptObject[] functions) =>
        (string)Run(template, globals, context =>
        {
            context.StrictVariables = false;
            context.EnableRelaxedMemberAccess = true;
            context.EnableRelaxedTargetAccess = true;
            // The functions go below the data, so a template's own variables land in the data's scope, not in them.
            var data = context.PopGlobal();
            foreach (var set in functions)
            {
                context.PushGlobal(set);
            }
            context.PushGlobal(data);
            return template.Render(context);
        })!;

    /// <summary>Parses and evaluates in one step, for callers that hold only the text.</summary>
    public object? EvaluateExpression(string expression, IReadOnlyDictionary<string, object?> globals)
    {
        var parsed = ParseExpression(expression);
        return parsed.Ok ? Evaluate(parsed.Template!, globals) : throw new ScriptFailureException($"表达式有语法错误：{parsed.Errors[0]}");
    }

    public string RenderText(string text, IReadOnlyDictionary<string, object?> globals)
    {
        var parsed = ParseTemplate(text);
        return parsed.Ok ? Render(parsed.Template!, globals) : throw new ScriptFailureException($"模板有语法错误：{parsed.Errors[0]}");
    }

    /// <summary>
    /// Evaluates an expression, then renders a text in the same context, so the text can state the values the
    /// expression computed; <paramref name="describe"/> turns the expression's value into extra globals for the text.
    /// </summary>
    public (object? Value, string Text) EvaluateThenRender(Template expression, Template text, IReadOnlyDictionary<string, object?> globals,
        Func<object?, IEnumerable<KeyValuePair<string, object?>>> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        return ((object?, string))Run(expression, globals, context =>
        {
            var value = expression.Evaluate(context);
            foreach (var (name, extra) in describe(value))
            {
                context.CurrentGlobal!.SetValue(name, ScriptData.From(extra), readOnly: true);
            }
            return (value, text.Render(context));
        })!;
    }

    private static ScriptObject Freeze(ScriptObject functions)
    {
        foreach (var nested in functions.Values.OfType<ScriptObject>())
        {
            Freeze(nested);
        }
        functions.IsReadOnly = true;
        return functions;
    }

    private static object? Run(Template template, IReadOnlyDictionary<string, object?> globals, Func<TemplateContext, object?> run)
    {
        using var timeout = new CancellationTokenSource(TimeLimit);
        var context = new TemplateContext(Builtins)
        {
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            LimitToString = 100_000,
            ObjectRecursionLimit = 20,
            OutputLimit = 1_000_000,
            RegexTimeOut = TimeSpan.FromMilliseconds(100),
            StrictVariables = true,
            MemberFilter = _ => false, // no .NET member is ever reachable
            TemplateLoader = null,
            CancellationToken = timeout.Token,
        };
        var root = new ScriptObject();
        foreach (var (name, value) in globals)
        {
            root.SetValue(name, ScriptData.From(value), readOnly: true);
        }
        context.PushGlobal(root);
        try
        {
            return run(context);
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is ScriptRuntimeException && timeout.IsCancellationRequested))
        {
            // Inside a function call Scriban wraps the cancellation in its own exception; it is still the time limit.
            throw new ScriptFailureException($"表达式运行超过 {TimeLimit.TotalMilliseconds:0} 毫秒，已中止。");
        }
        catch (ScriptRuntimeException ex)
        {
            var span = ex.Span;
            throw new ScriptFailureException($"第 {span.Start.Line + 1} 行第 {span.Start.Column + 1} 列运行出错：{ScriptMessages.ToChinese(ex.OriginalMessage)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidCastException or OverflowException or FormatException or DivideByZeroException or NullReferenceException)
        {
            throw new ScriptFailureException($"表达式运行出错：{ScriptMessages.ToChinese(ex)}");
        }
    }
}

/// <summary>An expression or template that failed to run; the message is for administrators and in Chinese.</summary>
public sealed class ScriptFailureException(string message) : Exception(message);
