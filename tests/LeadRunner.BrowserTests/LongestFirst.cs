using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("LeadRunner.BrowserTests.LongestFirst", "LeadRunner.BrowserTests")]

namespace LeadRunner.BrowserTests;

/// <summary>
/// Roughly how many seconds a class takes on the loaded 2-core machine, for <see cref="LongestFirst"/>: classes marked
/// so start before the others, the longest first.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsLongAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Starts the longest classes first (each class is a collection of its own): a class of two minutes that happened to
/// start last would keep the run going alone at its end while the other threads sit idle.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Seconds).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    // A class's own collection is named "Test collection for <class>".
    private static int Seconds(ITestCollection collection)
    {
        var name = collection.DisplayName.Split(' ')[^1];
        var attribute = collection.TestAssembly.Assembly.GetType(name)?.GetCustomAttributes(typeof(RunsLongAttribute)).FirstOrDefault();
        return attribute?.GetConstructorArguments().FirstOrDefault() as int? ?? 0;
    }
}
