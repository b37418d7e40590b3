using Ganss.Xss;

namespace LeadRunner.Hosting;

/// <summary>
/// The one HTML sanitiser of the app (Markdown pages, Form.io content, rendered documents): HtmlSanitizer's
/// allow-list of tags and attributes plus class, http/https/mailto links, and data: URLs only as images (a document's QR code).
/// Scripts, event handlers, frames, objects and javascript:/vbscript: URLs never survive.
/// </summary>
public static class SafeHtml
{
    // Sanitize is thread-safe once configured (HtmlSanitizer's README), so one instance serves every request.
    private static readonly HtmlSanitizer Sanitizer = Create(styles: true);
    private static readonly HtmlSanitizer Unstyled = Create(styles: false);

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>For what editors write (the site's Markdown): the same rules without inline styles or form controls.</summary>
    public static string SanitizeUnstyled(string html) => Unstyled.Sanitize(html);

    private static HtmlSanitizer Create(bool styles)
    {
        var sanitizer = new HtmlSanitizer();
        if (!styles)
        {
            sanitizer.AllowedAttributes.Remove("style");
            // A page's forms are the hosted ones; a hand-written form in Markdown could post a visitor's input anywhere.
            foreach (var tag in new[] { "form", "input", "button", "select", "option", "optgroup", "textarea", "fieldset", "legend", "datalist" })
            {
                sanitizer.AllowedTags.Remove(tag);
            }
        }
        // Documents are laid out by class (docs/templates.md); a class cannot run code.
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("data");
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.OriginalUrl.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                && !(e.Tag.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && IsRasterImage(e.OriginalUrl.TrimStart())))
            {
                e.SanitizedUrl = null;
            }
        };
        return sanitizer;
    }

    /// <summary>PNG, JPEG or GIF: an SVG data URL could carry script.</summary>
    private static bool IsRasterImage(string url) =>
        url.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:image/gif", StringComparison.OrdinalIgnoreCase);
}
