using System.Globalization;
using LeadRunner.Cms;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>Publishes an item on the public site (a notice, a 公示 or a list), or updates the one this case published there before.</summary>
public sealed class PublishSiteItemEffect(ScriptSandbox scripts) : IEffect
{
    public EffectKind Kind => EffectKind.PublishSiteItem;

    public Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var globals = context.Globals();
        var section = SiteSections.Find(effect.Section!) ?? throw new ScriptFailureException($"未知的栏目“{effect.Section}”。");
        var slug = string.Create(CultureInfo.InvariantCulture, $"case-{context.Instance.Id}-{effect.Section}");
        var title = scripts.RenderText(effect.Title!, globals).Trim();
        var body = scripts.RenderText(effect.Body!, globals);
        var existing = context.Db.SiteItems.Local.FirstOrDefault(i => i.Slug == slug) ?? context.Db.SiteItems.FirstOrDefault(i => i.Slug == slug);
        if (existing is null)
        {
            context.Db.SiteItems.Add(new SiteItem
            {
                Kind = section.Kind, Slug = slug, Title = title, BodyMarkdown = body,
                DocumentDate = context.Now.TodayIn(), PublishedAt = context.Now,
            });
        }
        else
        {
            existing.Title = title;
            existing.BodyMarkdown = body;
            existing.PublishedAt = context.Now;
        }
        return Task.CompletedTask;
    }
}
