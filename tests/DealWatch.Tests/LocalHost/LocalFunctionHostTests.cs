using System.Text.Json;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Storage;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealWatch.Tests.LocalHost;

public sealed class LocalFunctionHostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly QueueHostSettings FastRetries = new() { BatchSize = 4, NewBatchThreshold = 2, MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    private (LocalFunctionHost Host, ProbeLog Log, DealWatchStorage Storage) Create(string prefix, QueueHostSettings settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Probe:Schedule"] = "*/5 * * * * *" }).Build();
        var log = new ProbeLog();
        var services = new ServiceCollection().AddSingleton(log).BuildServiceProvider();
        var storage = azurite.Storage(prefix);
        var host = new LocalFunctionHost(typeof(ProbeFunctions).Assembly, configuration, storage, new FunctionInvoker(services.GetRequiredService<IServiceScopeFactory>()), settings, TimeProvider.System, NullLoggerFactory.Instance);
        return (host, log, storage);
    }

    private static async Task SendAsync(DealWatchStorage storage, ProbeMessage message)
    {
        var queue = await storage.QueueAsync(ProbeFunctions.QueueName, CancellationToken.None);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message));
    }

    private static async Task<string[]> PeekAsync(DealWatchStorage storage, string queueName)
    {
        var queue = await storage.QueueAsync(queueName, CancellationToken.None);
        return (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToArray();
    }

    private static async Task PumpUntilDrainedAsync(LocalFunctionHost host)
    {
        using var cts = new CancellationTokenSource();
        var pumping = Task.WhenAll(host.Pumps.Select(p => p.RunAsync(cts.Token)));
        try
        {
            await host.WaitUntilDrainedAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }
        finally
        {
            await cts.CancelAsync();
            await pumping;
        }
    }

    [Fact]
    public async Task QueueFunction_AlwaysThrowing_IsTriedMaxDequeueCountTimesThenPoisoned()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var (host, log, storage) = Create(prefix, FastRetries);
        await SendAsync(storage, new ProbeMessage("bad", Fail: true));
        await SendAsync(storage, new ProbeMessage("good", Fail: false));

        await PumpUntilDrainedAsync(host);

        Assert.Equal(3, log.Calls.Count(c => c == "bad"));
        Assert.Equal(1, log.Calls.Count(c => c == "good"));
        var poisoned = Assert.Single(await PeekAsync(storage, QueueNames.Poison(ProbeFunctions.QueueName)));
        Assert.Equal(new ProbeMessage("bad", true), JsonSerializer.Deserialize<ProbeMessage>(poisoned));
        Assert.Empty(await PeekAsync(storage, ProbeFunctions.QueueName));
    }

    [Fact]
    public async Task QueueFunction_MessageThatIsNotJson_FailsBindingAndIsPoisonedWithoutCallingTheFunction()
    {
        var (host, log, storage) = Create(AzuriteFixture.NewPrefix(), FastRetries);
        var queue = await storage.QueueAsync(ProbeFunctions.QueueName, CancellationToken.None);
        await queue.SendMessageAsync("{not json");

        await PumpUntilDrainedAsync(host);

        Assert.Empty(log.Calls);
        Assert.Single(await PeekAsync(storage, QueueNames.Poison(ProbeFunctions.QueueName)));
    }

    [Fact]
    public async Task TimerFunction_TwoHostsFireTheSameOccurrence_RunsOnce()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var (first, log, _) = Create(prefix, FastRetries);
        var (second, _, secondStorage) = Create(prefix, FastRetries);
        var secondRunner = new TimerRunner(second.Timers[0].Function, secondStorage, new FunctionInvoker(new ServiceCollection().AddSingleton(log).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>()), TimeProvider.System, NullLogger.Instance);
        var occurrence = new DateTimeOffset(2025, 11, 3, 13, 0, 0, TimeSpan.Zero);

        var firstRun = first.Timers[0].FireAsync(occurrence, CancellationToken.None);
        await log.TimerEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var whileHeld = await secondRunner.FireAsync(occurrence, CancellationToken.None);
        log.TimerGate.SetResult();
        var firstFired = await firstRun;
        var again = await secondRunner.FireAsync(occurrence, CancellationToken.None);
        var next = await secondRunner.FireAsync(occurrence.AddSeconds(5), CancellationToken.None);

        Assert.True(firstFired);
        Assert.False(whileHeld);
        Assert.False(again);
        Assert.True(next);
        Assert.Equal(2, log.Calls.Count);
    }

    [Fact]
    public void Discover_AppFunctions_AgreeWithTheWorkerSdksFunctionsMetadata()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DealWatch:NewsSchedule"] = "0 */5 * * * *",
            ["DealWatch:MarketsSchedule"] = "0 */2 * * * *",
            ["DealWatch:DigestSchedule"] = "0 */15 * * * *",
        }).Build();
        var catalog = FunctionCatalog.Discover(typeof(DealWatch.Functions.PollNews).Assembly, configuration);
        var metadataPath = Path.Combine(Path.GetDirectoryName(typeof(DealWatch.Functions.PollNews).Assembly.Location)!, "functions.metadata");
        var metadata = File.Exists(metadataPath) ? metadataPath : FindFunctionsMetadata();

        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        var declared = document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings")[0]);

        Assert.Equal(
            ["ClassifyStory", "PollMarkets", "PollNews", "RouteAlert", "SendDigest", "SendEmail", "SendTeams"],
            catalog.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), catalog.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var function in catalog)
        {
            var binding = declared[function.Name];
            switch (function)
            {
                case QueueFunction queue:
                    Assert.Equal("queueTrigger", binding.GetProperty("type").GetString());
                    Assert.Equal(queue.QueueName, binding.GetProperty("queueName").GetString());
                    break;
                case TimerFunction timer:
                    Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
                    var schedule = binding.GetProperty("schedule").GetString()!;
                    Assert.Equal(timer.Schedule, configuration[schedule.Trim('%')]);
                    break;
            }
        }
    }

    /// <summary>The Worker SDK writes functions.metadata into the Functions project's own output.</summary>
    private static string FindFunctionsMetadata()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the tests inside the repository.");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(root.FullName, "src", "DealWatch.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }
}
