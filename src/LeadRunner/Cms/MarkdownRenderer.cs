using LeadRunner.Hosting;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace LeadRunner.Cms;

/// <summary>Turns a site item's Markdown into sanitised HTML: editors write content, never script.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public IHtmlContent Render(string markdown) => new HtmlString(SafeHtml.SanitizeUnstyled(Markdown.ToHtml(markdown, _pipeline)));
}
