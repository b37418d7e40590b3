using BenchmarkDotNet.Running;

namespace LeadRunner.Benchmarks;

public static class BenchmarkProgram
{
    // Run with: dotnet run -c Release --project tests/LeadRunner.Benchmarks -- --filter '*'
    // The submission load test: scripts/measure-submissions.sh (… -- submissions [options]).
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "submissions")
        {
            return await Load.SubmissionLoad.RunAsync(args[1..]);
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
