namespace LeadRunner.Documents;

/// <summary>
/// A rendered announcement (notice, 公示, list) as the body of a site item: the page prints the title and the
/// signature itself, so the template's own are left out.
/// </summary>
public static partial class SiteBody
{
    public static string From(string html) => Signature().Replace(Heading().Replace(html, "", 1), "");

    [System.Text.RegularExpressions.GeneratedRegex("<h1>.*?</h1>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Heading();

    [System.Text.RegularExpressions.GeneratedRegex("<div class=\"signature\">.*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Signature();
}
