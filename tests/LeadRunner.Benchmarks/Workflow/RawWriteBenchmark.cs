using BenchmarkDotNet.Attributes;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>
/// The floor under <see cref="TaskCompletionBenchmark"/>: the same shape of write (one UPDATE with a revision check and
/// one INSERT per transaction) straight through a provider, one open connection per client. The provider's side
/// (<see cref="RawSqliteWriteBenchmark"/>, <see cref="RawNpgsqlWriteBenchmark"/>) writes one transaction for a client.
/// </summary>
public abstract class RawWriteBenchmark
{
    protected const int Clients = 4;
    private const int WritesPerClient = 25;

    /// <summary>One transaction by client <paramref name="client"/> (0 to <see cref="Clients"/> − 1), each on its own row.</summary>
    protected abstract Task WriteAsync(int client);

    [Benchmark(Baseline = true)]
    public Task WriteOne() => WriteAsync(0);

    /// <summary>Four clients at once, each on its own row; the time shown is per transaction.</summary>
    [Benchmark(OperationsPerInvoke = Clients * WritesPerClient)]
    public Task Write_FourClientsAtOnce() => Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
    {
        for (var i = 0; i < WritesPerClient; i++)
        {
            await WriteAsync(client);
        }
    })));
}
