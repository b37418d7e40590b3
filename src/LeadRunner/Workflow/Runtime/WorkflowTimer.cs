using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Runtime;

public enum TimerStatus
{
    Pending = 1,
    Fired = 2,
    Failed = 3,
    Cancelled = 4,
}

public enum TimerKind
{
    /// <summary>The step's deadline: its expiry action (remind, escalate, transition) runs when it fires.</summary>
    Deadline = 0,

    /// <summary>A notice to the open task's assignee some working days before the deadline (Notifications/DeadlineReminders).</summary>
    Reminder = 1,
}

/// <summary>
/// A step's deadline, durable in the database. The timer service claims it once it is due and runs its expiry
/// action in the same transaction that marks it fired, so it fires exactly once, across restarts.
/// </summary>
public sealed class WorkflowTimer
{
    public long Id { get; init; }
    public long InstanceId { get; init; }
    public required string StepId { get; init; }
    public TimerKind Kind { get; init; }

    /// <summary>The instance revision when the step was entered: a timer of a step since left is stale.</summary>
    public int StepEntryRevision { get; init; }
    public DateTimeOffset DueAt { get; set; }
    public TimerStatus Status { get; set; } = TimerStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public int Revision { get; set; }
}

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> b)
    {
        b.ToTable("Timers");
        b.Property(t => t.StepId).HasMaxLength(50);
        b.Property(t => t.LastError).HasMaxLength(2000);
        b.Property(t => t.Revision).IsConcurrencyToken();
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        // The runner's scan for due timers reads pending ones only; leaving a step cancels its timers, which then drop
        // out of this index instead of moving within it.
        b.HasIndex(t => t.DueAt).HasFilter("\"Status\" = 1");
    }
}
