using System.Globalization;
using LeadRunner.Cms;
using LeadRunner.Cms.Editing;
using LeadRunner.Hosting;
using LeadRunner.Scripting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Runtime.Effects;

/// <summary>
/// Publishes an item on the public site (a notice or a list), or a new version of the one this case published there
/// before. It is part of the transition's unit of work: the item and its version are staged and saved with the case.
/// </summary>
public sealed class PublishSiteItemEffect(ScriptSandbox scripts, PublicSiteCache cache) : IEffect
{
    public EffectKind Kind => EffectKind.PublishSiteItem;

    public Task RunAsync(EffectDefinition effect, CaseContext context)
    {
        var globals = context.Globals();
        var section = SiteSections.Find(effect.Section!) ?? throw new ScriptFailureException($"未知的栏目“{effect.Section}”。");
        var slug = string.Create(CultureInfo.InvariantCulture, $"case-{context.Instance.Id}-{effect.Section}");
        var title = scripts.RenderText(effect.Title!, globals).Trim();
        var body = scripts.RenderText(effect.Body!, globals);
        var db = context.Db;
        var item = db.SiteItems.Local.FirstOrDefault(i => i.Slug == slug) ?? db.SiteItems.FirstOrDefault(i => i.Slug == slug);
        if (item is null)
        {
            item = new SiteItem { Kind = section.Kind, Slug = slug, Title = title, BodyMarkdown = body, DocumentDate = context.Now.TodayIn() };
            db.SiteItems.Add(item);
            // The version is keyed by the item's id, which exists once saved.
            db.SaveChanges();
        }
        item.Title = title;
        item.BodyMarkdown = body;
        item.PublishedAt = context.Now;
        item.UpdatedAt = context.Now;
        item.WithdrawnAt = null;
        var key = SiteContent.Key(item.Id);
        var number = (db.ArtifactVersions.Where(v => v.Kind == ContentKind.Kind && v.Key == key).Max(v => v.Version) ?? 0) + 1;
        item.Version = number;
        var doc = SiteSeed.DocumentOf(item);
        db.ArtifactVersions.Add(new ArtifactVersion
        {
            Kind = ContentKind.Kind, Key = key, Version = number, State = VersionState.Published, Title = title, Content = doc.ToJson(),
            CreatedAt = context.Now, CreatedBy = context.Actor.Name, PublishedAt = context.Now, PublishedBy = context.Actor.Name,
            Note = $"由案件 {context.Instance.Id} 发布",
        });
        cache.Evict();
        return Task.CompletedTask;
    }
}
