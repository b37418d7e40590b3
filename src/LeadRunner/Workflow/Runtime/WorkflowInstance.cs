using LeadRunner.Enterprises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Runtime;

public enum InstanceStatus
{
    Running = 1,
    Completed = 2,
}

/// <summary>One case running on a definition version it is pinned to, e.g. one enterprise's application.</summary>
public sealed class WorkflowInstance
{
    public long Id { get; init; }
    public required string DefinitionId { get; init; }
    public int Version { get; set; }

    /// <summary>The round (year) the case belongs to and whose pinned versions it runs on; null for cases outside any round.</summary>
    public int? RoundYear { get; init; }
    public required string Title { get; set; }

    /// <summary>The enterprise the case is about; it decides which county and unit handle it.</summary>
    public int? EnterpriseId { get; init; }
    public Enterprise? Enterprise { get; init; }

    public required string CurrentStep { get; set; }
    public DateTimeOffset StepEnteredAt { get; set; }
    public string VariablesJson { get; set; } = "{}";
    public InstanceStatus Status { get; set; } = InstanceStatus.Running;

    /// <summary>The terminal step's outcome once ended, e.g. approved.</summary>
    public string? Outcome { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public required string StartedBy { get; init; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Bumped on every change: two writers of the same case cannot both succeed.</summary>
    public int Revision { get; set; }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> b)
    {
        b.Property(i => i.DefinitionId).HasMaxLength(50);
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.CurrentStep).HasMaxLength(50);
        b.Property(i => i.Outcome).HasMaxLength(40);
        b.Property(i => i.StartedBy).HasMaxLength(100);
        b.Property(i => i.Revision).IsConcurrencyToken();
        b.HasIndex(i => new { i.RoundYear, i.DefinitionId, i.Status });
        b.HasOne(i => i.Enterprise).WithMany().HasForeignKey(i => i.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.DefinitionId, i.Version, i.Status, i.CurrentStep });
        b.HasIndex(i => i.EnterpriseId);
    }
}
