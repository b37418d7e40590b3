using System.Text.Json.Nodes;
using LeadRunner.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Forms.Pages;

/// <summary>
/// Fills in a form on the public site or a portal. Forms other than public ones ask for login first. The page
/// carries the published schema; wwwroot/js/forms-fill.js renders it, autosaves drafts and submits to /api/forms.
/// </summary>
public sealed class FormFillModel(LeadRunnerDb db, FormDefinitions definitions, Rounds.RoundLists lists) : PageModel
{
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public int Version { get; private set; }

    /// <summary>The round named in the address, sent back with the submission so the server checks the same version.</summary>
    public int? Year { get; private set; }
    public string Subject { get; private set; } = "";
    public bool CanSaveDrafts { get; private set; }

    /// <summary>A visitor's files go up under an upload grant (a public form with a file field, nobody signed in).</summary>
    public bool UsesUploadGrants { get; private set; }
    public string SchemaJson { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, string? subject, int? year, CancellationToken ct)
    {
        var (current, problem) = await FormsApi.FindFillableAsync(key, year, db, definitions, User, ct);
        if (current is null)
        {
            return problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { StatusCode: 401 } ? Challenge() : NotFound();
        }
        var signedIn = User.Identity?.IsAuthenticated == true;
        if (!current.Definition.MayBeSubmittedAloneBy(User))
        {
            return Forbid();
        }
        // Selects bound to a round list show the current round's, the lists the submission is checked against.
        var schema = FormHtml.Sanitise(RoundListSelects.ForYear(JsonNode.Parse(current.Json)!.AsObject(), current.Definition.UsesRoundLists ? lists.CurrentYear() : null));
        Key = key;
        Title = current.Definition.Title;
        Description = schema["description"]?.ToString();
        Version = current.Version;
        Year = year;
        Subject = (subject ?? "").Trim() is { Length: <= 100 } s ? s : "";
        CanSaveDrafts = signedIn;
        UsesUploadGrants = !signedIn && current.Definition.Access == FormAccess.Public && current.Definition.HasFileFields;
        SchemaJson = ScriptBlock(schema);
        return Page();
    }

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// JSON for a page's <c>&lt;script type="application/json"&gt;</c>: Chinese stays readable, and "&lt;" is escaped
    /// so that no "&lt;/script&gt;" in the data can end the block early.
    /// </summary>
    public static string ScriptBlock(JsonNode node) => node.ToJsonString(Readable).Replace("<", "\\u003c", StringComparison.Ordinal);
}
