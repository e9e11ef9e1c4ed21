using DealWatch.Cli.LocalHost;
using DealWatch.Core;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealWatch.Tests.Infrastructure;

/// <summary>
/// Finds or starts one Azurite for the whole test run (from the repository's node_modules, running npm ci when
/// it is missing). Use it as a class fixture; every test takes its own <see cref="NewPrefix"/> so that tests
/// running in parallel never share a table or a queue.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<AzuriteHandle>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = (await Shared.Value.ConfigureAwait(false)).ConnectionString;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh storage name prefix: lower-case letters and digits, unique to this call.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Configuration for this Azurite with a fresh prefix, plus any test settings.</summary>
    public IConfiguration Configuration(string prefix, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = ConnectionString,
                [$"{StorageOptions.SectionName}:Prefix"] = prefix,
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();

    /// <summary>The app's storage for a prefix, built the way the hosts build it.</summary>
    public DealWatchStorage Storage(string prefix) =>
        new ServiceCollection().AddDealWatchStorage(Configuration(prefix)).BuildServiceProvider().GetRequiredService<DealWatchStorage>();

    private static async Task<AzuriteHandle> StartAsync()
    {
        var handle = await AzuriteLauncher.EnsureRunningAsync(AzuritePorts.Default, dataDirectory: null, NullLogger.Instance, CancellationToken.None).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => handle.Dispose();
        return handle;
    }
}
