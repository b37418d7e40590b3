using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Forms;
using LeadRunner.Uploads;

namespace LeadRunner.Workflow.Runtime;

/// <summary>
/// The form a transition names: its data is validated on the server before anything moves, then kept three ways in
/// the transition's transaction — as a form submission (with the form version), as the case variable named after the
/// form (<c>county-review</c> → <c>countyReview</c>) that documents and later steps read, and by attaching its files.
/// </summary>
public sealed class CaseForms(FormValidation validation, IServiceProvider services)
{
    /// <summary>The case variable a form's data is kept in.</summary>
    public static string VariableFor(string formKey)
    {
        var name = new StringBuilder(formKey.Length);
        var upper = false;
        foreach (var c in formKey)
        {
            if (c is '-' or '_' or '.')
            {
                upper = name.Length > 0;
                continue;
            }
            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return name.ToString();
    }

    /// <summary>The draft the user autosaves while filling the form for this case (see the case action page).</summary>
    public static string DraftSubject(long instanceId) => $"workflow:{instanceId}";

    /// <summary>
    /// Validates the data against the form's published version, its round lists against the case's year; a refusal
    /// lists each field's problem.
    /// </summary>
    public async Task<(FormValidation.Result? Accepted, TransitionOutcome.Invalid? Refusal)> CheckAsync(string formKey, JsonObject? data, Actor actor, int? year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var result = await validation.ValidateAsync(formKey, data ?? [], actor.UserId ?? "", year, cancellationToken);
        if (result.Valid && result.Version is not null)
        {
            return (result, null);
        }
        var errors = result.Errors.Select(e => new KeyValuePair<string, string>(e.Key.Length == 0 ? "data" : $"data.{e.Key}", e.Message)).ToList();
        var summary = string.Join("；", errors.Take(5).Select(e => e.Value)) + (errors.Count > 5 ? $"等 {errors.Count} 处问题" : "");
        return (null, new TransitionOutcome.Invalid("data", $"表单填写有误，未作任何更改：{summary}") { FieldErrors = errors });
    }

    /// <summary>Keeps the checked data; runs inside the transition's transaction, so a refusal later keeps nothing.</summary>
    public async Task RecordAsync(CaseContext context, FormValidation.Result form, string? userId)
    {
        var subject = DraftSubject(context.Instance.Id);
        await FormSubmission.AddAsync(context.Db, form, subject, userId ?? "", context.Actor.Name, context.Party?.Id, context.Now, CancellationToken.None, context.Instance.RoundYear);
        context.SetVariable(VariableFor(form.FormKey), form.Data);
        var files = FormValidation.FileIds(form.Data);
        if (files.Count > 0 && services.GetService<IUploadedFiles>() is { } uploads)
        {
            await uploads.AttachAsync(files, subject, CancellationToken.None);
            if (context.Party is { } party)
            {
                // Files staff upload for a case (e.g. the county's sealed certificate) become visible to the case's region.
                await uploads.AssignEnterpriseAsync(files, party.Id, CancellationToken.None);
            }
        }
    }
}
