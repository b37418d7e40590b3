using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Rounds;
using LeadRunner.Uploads;

namespace LeadRunner.Forms;

/// <summary>
/// Validates submitted data against the current published version of a form — the service the workflow uses
/// when a task completes with form data, and the one behind the forms API. The client is never trusted. Selects
/// bound to a round list are checked against the case's round, or the current round for a form filled on its own.
/// </summary>
public sealed class FormValidation(LeadRunnerDb db, FormDefinitions definitions, RoundLists lists, IServiceProvider services)
{
    /// <summary>
    /// The outcome: <see cref="Data"/> is the cleaned copy to store (hidden and unknown fields removed, file entries
    /// rebuilt from the uploads store); <see cref="Version"/> the form version used; null when the form does not exist.
    /// </summary>
    public sealed record Result(string FormKey, int? Version, bool Valid, IReadOnlyList<FieldError> Errors, JsonObject Data);

    /// <summary>Validates against the form version <paramref name="roundYear"/>'s round pins (see <see cref="FormDefinitions.ForRoundAsync"/>).</summary>
    public async Task<Result> ValidateAsync(string formKey, JsonObject data, string submitterUserId, int? roundYear, CancellationToken cancellationToken)
    {
        var current = await definitions.ForRoundAsync(db, formKey, roundYear, cancellationToken);
        if (current is null)
        {
            return new Result(formKey, null, false, [new FieldError("", $"表单“{formKey}”不存在或尚未发布。")], []);
        }
        return await ValidateAsync(current.Definition, current.Version, data, submitterUserId, roundYear, null, cancellationToken);
    }

    /// <param name="grantOwner">The owner of a visitor's upload grant for this form (see <see cref="UploadGrant.Owner"/>): its files count as the submitter's.</param>
    public async Task<Result> ValidateAsync(FormDefinition form, int version, JsonObject data, string submitterUserId, int? roundYear, string? grantOwner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var round = !form.UsesRoundLists ? null
            : roundYear is { } year ? lists.ForYear(year) : lists.Current();
        var outcome = SubmissionValidator.Validate(form, data, round);
        // Uploads are a separate feature; without it, forms without files still work.
        var uploads = services.GetService<IUploadedFiles>();
        await FileChecks.ApplyAsync(outcome.Files, uploads, submitterUserId, grantOwner, outcome.Errors, cancellationToken);
        return new Result(form.Key, version, outcome.Errors.Count == 0, outcome.Errors, outcome.Data);
    }

    /// <summary>The ids of the uploaded files cleaned data refers to, to attach them when the data is stored.</summary>
    public static IReadOnlyList<Guid> FileIds(JsonNode? data)
    {
        var ids = new List<Guid>();
        Collect(data, ids);
        return ids;
    }

    private static void Collect(JsonNode? node, List<Guid> ids)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["storage"]?.ToString() == "url" && IUploadedFiles.TryParseId(o["url"]?.ToString(), out var id))
                {
                    ids.Add(id);
                    return;
                }
                foreach (var (_, value) in o)
                {
                    Collect(value, ids);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, ids);
                }
                break;
        }
    }
}
