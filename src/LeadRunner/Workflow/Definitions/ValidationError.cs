namespace LeadRunner.Workflow.Definitions;

/// <summary>One problem in a definition: where (JSON path and its line/column in the text) and what, in Chinese.</summary>
public sealed record ValidationError(string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path}（第 {Line} 行第 {Column} 列）：{Message}";
}
