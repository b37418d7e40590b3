using LeadRunner.Cms.HostedForms;
using LeadRunner.Hosting;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace LeadRunner.Cms;

/// <summary>Turns a site item's Markdown into sanitised HTML: editors write content, never script.</summary>
public sealed class MarkdownRenderer(FormEmbeds forms)
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public IHtmlContent Render(string markdown) => new HtmlString(SafeHtml.SanitizeUnstyled(Markdown.ToHtml(markdown, _pipeline)));

    /// <summary>
    /// As <see cref="Render"/>, with each <c>[form:key]</c> line replaced by that public form. The form's markup is
    /// added after sanitising (it carries the form's script), never from what the editor typed.
    /// </summary>
    public async Task<IHtmlContent> RenderAsync(string markdown, CancellationToken ct = default) =>
        new HtmlString(await forms.ReplacePlaceholdersAsync(SafeHtml.SanitizeUnstyled(Markdown.ToHtml(markdown, _pipeline)), ct));
}
