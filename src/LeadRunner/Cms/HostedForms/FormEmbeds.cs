using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Forms.Pages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace LeadRunner.Cms.HostedForms;

/// <summary>
/// Published public forms embedded in the public site: <c>[form:key]</c> on a line of its own in an item's body, and a
/// 公示's objection form. The embed is the forms capability's own (the schema /forms/{key} serves, wwwroot/js/forms-fill.js
/// renders it, /api/forms validates and stores). Pages with embeds are cached for every visitor, so the markup holds
/// nothing personal: a visitor's upload grant is fetched by the script.
/// </summary>
public sealed partial class FormEmbeds(IServiceScopeFactory scopes, FormDefinitions definitions, IFileVersionProvider versions)
{
    [GeneratedRegex(@"<p>\[form:([A-Za-z_][A-Za-z0-9_-]{0,63})\]</p>")]
    private static partial Regex Placeholder();

    /// <summary>Sanitised HTML with each <c>[form:key]</c> paragraph replaced by that form, or by a notice when there is no such public form.</summary>
    public async Task<string> ReplacePlaceholdersAsync(string html, CancellationToken ct)
    {
        var matches = Placeholder().Matches(html);
        if (matches.Count == 0)
        {
            return html;
        }
        var result = new StringBuilder(html.Length);
        var at = 0;
        foreach (Match match in matches)
        {
            result.Append(html, at, match.Index - at).Append(await EmbedAsync(match.Groups[1].Value, ct));
            at = match.Index + match.Length;
        }
        return result.Append(html, at, html.Length - at).ToString();
    }

    /// <summary>The embed of form <paramref name="key"/>: only a published form with public access, else a Chinese notice.</summary>
    public async Task<string> EmbedAsync(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var current = await definitions.CurrentAsync(db, key, ct);
        if (current is null || current.Definition.Access != FormAccess.Public)
        {
            return $"<div class=\"alert alert-warning hosted-form-missing\" role=\"note\">表单“{WebUtility.HtmlEncode(key)}”不存在或未公开。</div>";
        }
        var lists = scope.ServiceProvider.GetRequiredService<Rounds.RoundLists>();
        var schema = FormHtml.Sanitise(RoundListSelects.ForYear(JsonNode.Parse(current.Json)!.AsObject(), current.Definition.UsesRoundLists ? lists.CurrentYear() : null));
        var definition = current.Definition;
        var html = new StringBuilder();
        html.Append("<section class=\"panel form-fill hosted-form\" data-hosted-form>")
            .Append("<div class=\"panel-heading\"><h2>").Append(WebUtility.HtmlEncode(definition.Title)).Append("</h2></div><div class=\"panel-body\">");
        if (schema["description"]?.ToString() is { Length: > 0 } description)
        {
            html.Append("<p class=\"text-muted\">").Append(WebUtility.HtmlEncode(description)).Append("</p>");
        }
        html.Append("<div class=\"form-alert\" role=\"status\" aria-live=\"polite\"></div>")
            .Append("<div class=\"draft-state small text-muted\" aria-live=\"polite\"></div>")
            .Append("<div data-form-key=\"").Append(WebUtility.HtmlEncode(definition.Key))
            .Append("\" data-drafts=\"false\" data-grants=\"").Append(definition.HasFileFields ? "true" : "false")
            .Append("\" data-formio-script=\"/lib/formio/formio.full.min.js\" data-formio-setup=\"").Append(Versioned("/js/formio-setup.js")).Append("\"></div>")
            .Append("<script type=\"application/json\" class=\"form-schema\">").Append(FormFillModel.ScriptBlock(schema)).Append("</script>")
            .Append("</div></section>")
            .Append("<link rel=\"stylesheet\" href=\"/lib/formio/formio.full.min.css\" />")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Versioned("/css/forms.css")).Append("\" />")
            .Append("<script type=\"module\" src=\"").Append(Versioned("/js/forms-fill.js")).Append("\"></script>");
        return html.ToString();
    }

    private string Versioned(string path) => versions.AddFileVersionToPath(PathString.Empty, path);
}
