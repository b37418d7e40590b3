using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Data;

/// <summary>The writer behind workflow transitions must store exactly what SaveChanges would, and refuse what it would.</summary>
public class TrackedChangesWriterTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private static readonly DateTimeOffset At = new(2024, 9, 30, 16, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task InsertsAndUpdates_ReadBackAsWritten_WithKeysAssigned()
    {
        var instanceId = await NewCaseAsync();
        HumanTask added;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == instanceId);
            instance.CurrentStep = "cityReview";
            instance.Status = InstanceStatus.Completed;
            instance.EndedAt = At;
            instance.Revision++;
            added = new HumanTask
            {
                InstanceId = instanceId, StepId = "cityReview", Title = "市级推荐：写入测试", Role = "city", UnitCode = "130500",
                CreatedAt = At, DueAt = At.AddDays(5), Escalated = true, Status = HumanTaskStatus.Cancelled,
            };
            db.Tasks.Add(added);
            db.Journal.Add(new JournalEntry { InstanceId = instanceId, At = At, Actor = "测试", ToStep = "cityReview", Action = "approve", ActionLabel = "审核通过", Comment = null });

            await TrackedChangesWriter.SaveAsync(db);
            await transaction.CommitAsync();

            Assert.True(added.Id > 0);
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        }

        await using var check = factory.Services.CreateAsyncScope();
        var read = Db(check);
        var stored = await read.Tasks.SingleAsync(t => t.Id == added.Id);
        Assert.Equal((At, At.AddDays(5), true, HumanTaskStatus.Cancelled, "130500", (string?)null), (stored.CreatedAt, stored.DueAt, stored.Escalated, stored.Status, stored.UnitCode, stored.CountyCode));
        var instanceAfter = await read.WorkflowInstances.SingleAsync(i => i.Id == instanceId);
        Assert.Equal(("cityReview", InstanceStatus.Completed, (DateTimeOffset?)At, 1), (instanceAfter.CurrentStep, instanceAfter.Status, instanceAfter.EndedAt, instanceAfter.Revision));
        Assert.Single(await read.Journal.Where(j => j.InstanceId == instanceId && j.Action == "approve").ToListAsync());
    }

    [Fact]
    public async Task AStaleRevision_IsAConcurrencyFailure_AndTheTransactionKeepsNothing()
    {
        var instanceId = await NewCaseAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = Db(scope);
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == instanceId);
        await using (var other = factory.Services.CreateAsyncScope())
        {
            await Db(other).WorkflowInstances.Where(i => i.Id == instanceId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Revision, 5));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Journal.Add(new JournalEntry { InstanceId = instanceId, At = At, Actor = "测试", ToStep = "x", Action = "late", ActionLabel = "迟到" });
            instance.CurrentStep = "lost";
            instance.Revision++;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => TrackedChangesWriter.SaveAsync(db));
            await transaction.RollbackAsync();
        }

        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal("a", (await Db(check).WorkflowInstances.SingleAsync(i => i.Id == instanceId)).CurrentStep);
        Assert.False(await Db(check).Journal.AnyAsync(j => j.InstanceId == instanceId && j.Action == "late"));
    }

    [Fact]
    public async Task RowsItCannotWrite_AreLeftToSaveChanges()
    {
        var instanceId = await NewCaseAsync();
        long newCaseId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var transaction = await db.Database.BeginTransactionAsync();
            // A deletion, and a new task pointing at a case not yet written (its key is still temporary).
            db.Journal.Remove(await db.Journal.FirstAsync(j => j.InstanceId == instanceId));
            var newCase = new WorkflowInstance { DefinitionId = "test", Title = "新案件", CurrentStep = "a", StartedBy = "测试", StartedAt = At, StepEnteredAt = At };
            db.Tasks.Add(new HumanTask { Instance = newCase, StepId = "a", Title = "甲", Role = "province", CreatedAt = At });

            await TrackedChangesWriter.SaveAsync(db);
            await transaction.CommitAsync();
            newCaseId = newCase.Id;
        }

        await using var check = factory.Services.CreateAsyncScope();
        Assert.False(await Db(check).Journal.AnyAsync(j => j.InstanceId == instanceId));
        Assert.Equal(1, await Db(check).Tasks.CountAsync(t => t.InstanceId == newCaseId));
    }

    [Fact]
    public async Task WithoutATransaction_SaveChangesWrites()
    {
        var instanceId = await NewCaseAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            db.Journal.Add(new JournalEntry { InstanceId = instanceId, At = At, Actor = "测试", ToStep = "b", Action = "plain", ActionLabel = "直接保存" });
            await TrackedChangesWriter.SaveAsync(db);
        }

        await using var check = factory.Services.CreateAsyncScope();
        Assert.True(await Db(check).Journal.AnyAsync(j => j.InstanceId == instanceId && j.Action == "plain"));
    }

    /// <summary>A bare case with one journal entry, written by SaveChanges.</summary>
    private async Task<long> NewCaseAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = Db(scope);
        var instance = new WorkflowInstance { DefinitionId = "test", Title = "写入测试", CurrentStep = "a", StartedBy = "测试", StartedAt = At, StepEnteredAt = At };
        db.WorkflowInstances.Add(instance);
        await db.SaveChangesAsync();
        db.Journal.Add(new JournalEntry { InstanceId = instance.Id, At = At, Actor = "测试", ToStep = "a", Action = "start", ActionLabel = "发起" });
        await db.SaveChangesAsync();
        return instance.Id;
    }

    private static LeadRunnerDb Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
}
