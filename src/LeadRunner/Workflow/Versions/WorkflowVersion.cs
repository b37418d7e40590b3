using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Versions;

public enum VersionState
{
    Draft = 1,
    Published = 2,
    Retracted = 3,
}

/// <summary>
/// One version of a definition. Drafts are edited in place; publishing freezes a draft as the next version
/// number, after which its JSON never changes. Retracted versions start no new instances.
/// </summary>
public sealed class WorkflowVersion
{
    public int Id { get; init; }
    public required string DefinitionId { get; init; }

    /// <summary>The published version number; null while a draft.</summary>
    public int? Version { get; set; }
    public VersionState State { get; set; }
    public required string Title { get; set; }
    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }

    /// <summary>Why the version was retracted.</summary>
    public string? RetractNote { get; set; }

    /// <summary>Why the change was made, as the administrator wrote it.</summary>
    public string? Note { get; set; }

    /// <summary>The version this draft was made from (editing, rollback or import).</summary>
    public int? BasedOnVersion { get; set; }
}

internal sealed class WorkflowVersionConfiguration : IEntityTypeConfiguration<WorkflowVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> b)
    {
        b.Property(v => v.DefinitionId).HasMaxLength(50);
        b.Property(v => v.Title).HasMaxLength(100);
        b.Property(v => v.CreatedBy).HasMaxLength(100);
        b.Property(v => v.PublishedBy).HasMaxLength(100);
        b.Property(v => v.RetractedBy).HasMaxLength(100);
        b.Property(v => v.Note).HasMaxLength(1000);
        b.Property(v => v.RetractNote).HasMaxLength(1000);
        b.HasIndex(v => new { v.DefinitionId, v.Version }).IsUnique();
    }
}
