using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Data;

/// <summary>
/// Writers are serialised by the database's own lock, not by anything inside one process: a writer in another
/// process (here: a connection of its own, outside the app's pool) makes a completion wait, and nothing is committed
/// until it lets go. Busy and serialization errors are recognised for each provider.
/// </summary>
public class WriteTransactionsTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    private readonly WorkflowDriver _drive = new(factory);

    [Fact]
    [Trait("Provider", "Sqlite")] // SQLite's database-wide write lock; on PostgreSQL TwoInstancesTests race two hosts
    public async Task Completion_WaitsForAWriterOutsideTheProcess_ThenCommits()
    {
        var id = await _drive.StartRecognitionAsync();
        await _drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var taskId = await _drive.TaskIdAsync("county.130534", id);
        var county = await factory.ClientFor("county.130534");

        await using var other = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await other.OpenAsync();
        await ExecuteAsync(other, "BEGIN IMMEDIATE;");
        var completing = county.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { action = "return", comment = "请补充材料。" });
        await Task.Delay(300); // lets the request reach the lock; what follows holds however long it took
        Assert.Equal(HumanTaskStatus.Open, await TaskStatusAsync(taskId));
        await ExecuteAsync(other, "ROLLBACK;");

        var response = await completing;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HumanTaskStatus.Completed, await TaskStatusAsync(taskId));
    }

    [Theory]
    [InlineData(5, true)]   // SQLITE_BUSY
    [InlineData(6, true)]   // SQLITE_LOCKED
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    public void IsBusy_ForSqlite_IsBusyOrLocked(int code, bool busy) =>
        Assert.Equal(busy, DatabaseErrors.IsBusy(new SqliteException("sqlite", code)));

    [Theory]
    [InlineData("40001", true)]  // serialization_failure
    [InlineData("40P01", true)]  // deadlock_detected
    [InlineData("55P03", true)]  // lock_not_available
    [InlineData("23505", false)] // unique_violation
    public void IsBusy_ForPostgres_FollowsTheSqlState(string state, bool busy) =>
        Assert.Equal(busy, DatabaseErrors.IsBusy(new StateException(state)));

    [Fact]
    public void IsBusy_SeesThroughEfCoresWrapper() =>
        Assert.True(DatabaseErrors.IsBusy(new DbUpdateException("save", new SqliteException("sqlite", 5))));

    private async Task<HumanTaskStatus> TaskStatusAsync(long taskId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return await db.Tasks.IgnoreQueryFilters().Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class StateException(string state) : DbException("postgres")
    {
        public override string SqlState => state;
    }
}
