using BenchmarkDotNet.Running;

namespace LeadRunner.Benchmarks;

public static class BenchmarkProgram
{
    // Run with: dotnet run -c Release --project tests/LeadRunner.Benchmarks -- --filter '*'
    // Log pages per task completion on SQLite: … -- wal-frames [--cases N] [--warmup N] [--count N].
    // The submission load test: scripts/measure-submissions.sh (… -- submissions [options]).
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "submissions")
        {
            return await Load.SubmissionLoad.RunAsync(args[1..]);
        }
        if (args.FirstOrDefault() == "wal-frames")
        {
            return await Workflow.WalFrames.RunAsync(args[1..]);
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
