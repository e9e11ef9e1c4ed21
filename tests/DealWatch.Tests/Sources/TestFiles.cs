using DealWatch.Cli.LocalHost;

namespace DealWatch.Tests.Sources;

/// <summary>Paths of the fixture feeds and the bundled samples, read from the checkout.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
        RepositoryRoot.Find()?.FullName ?? throw new InvalidOperationException("The tests must run inside the repository checkout."));

    public static string Fixture(string name) => Path.Combine(Root.Value, "tests", "DealWatch.Tests", "Sources", "Fixtures", name);

    public static string Samples(params string[] parts) => Path.Combine([Root.Value, "samples", .. parts]);
}
