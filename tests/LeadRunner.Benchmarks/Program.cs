using BenchmarkDotNet.Running;

namespace LeadRunner.Benchmarks;

public static class BenchmarkProgram
{
    // Run with: dotnet run -c Release --project tests/LeadRunner.Benchmarks -- --filter '*'
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
