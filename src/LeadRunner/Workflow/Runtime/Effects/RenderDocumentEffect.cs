using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Documents.Issued;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>
/// Issues a filled document from the case (e.g. the 领跑者 certificate on authorisation) with a verification code and
/// QR, recorded like every issued document and kept (its bytes are archived in the same transaction), so the case's
/// parties download that very file again; the code, time, SHA-256 and download path go into a case variable so that
/// later notices and staff can cite it. A template that fails refuses the transition: nothing moves.
/// </summary>
public sealed class RenderDocumentEffect(FilledDocuments filled) : IEffect
{
    public EffectKind Kind => EffectKind.RenderDocument;

    public async Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        if (context.Party is not { } party)
        {
            throw new ScriptFailureException($"生成文书“{effect.Template}”需要案件关联企业。");
        }
        // The actor may be the system (a timer), so the enterprise is read past the region filter; the case already is in scope.
        var enterprise = await context.Db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Include(e => e.County!).ThenInclude(c => c.Unit).Include(e => e.Cluster)
            .FirstAsync(e => e.Id == party.Id);
        IssuedFile file;
        try
        {
            var source = new FilledData.CaseSource(context.Instance.Id, enterprise, context.Variables);
            file = await filled.ForCaseTemplateAsync(source, effect.Template!, IssuedFormats.Docx, new Issuer(context.Actor.Scope.Role ?? "system", context.Actor.IsSystem ? null : context.Actor.Name, context.Actor.DisplayName), archive: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ScriptFailureException($"生成文书“{effect.Template}”失败：{ex.Message}");
        }
        if (effect.Variable is { } name)
        {
            context.SetVariable(name, new JsonObject
            {
                ["code"] = file.Code,
                ["template"] = effect.Template,
                ["issuedAt"] = context.Now.ToChina().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["sha256"] = file.Sha256,
                ["verifyPath"] = $"/verify/{file.Code}",
                ["downloadPath"] = FilledDocumentsApi.ArchivedPath(context.Instance.Id, file.Code),
            });
        }
    }
}
