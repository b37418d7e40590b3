namespace LeadRunner.Versioning;

/// <summary>
/// One problem in something an administrator wrote (a definition, form, template, settings or rule): where — a path
/// such as <c>$.steps[2].id</c> and, when known, its line and column in the text — and what, in Chinese.
/// </summary>
public sealed record ValidationError(string Path, int Line, int Column, string Message)
{
    /// <summary>A problem located by path only (line and column unknown).</summary>
    public static ValidationError At(string path, string message) => new(path, 0, 0, message);

    public override string ToString() => Line > 0 ? $"{Path}（第 {Line} 行第 {Column} 列）：{Message}" : $"{Path}：{Message}";
}
