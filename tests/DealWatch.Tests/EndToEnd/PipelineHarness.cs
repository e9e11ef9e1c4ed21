using System.Text.Json;
using DealWatch.Cli;
using DealWatch.Cli.LocalHost;
using DealWatch.Core;
using DealWatch.Core.Alerts;
using DealWatch.Core.Storage;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealWatch.Tests.EndToEnd;

/// <summary>
/// The CLI's local host on Azurite with a fresh storage prefix, one subscription (an email recipient and a Teams
/// webhook) and fast queue retries: the same services and function classes the demo and the Function App run.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string Subscription = "desk";
    public const string Recipient = "analyst@example.com";
    public const string Webhook = "desk_hook";

    /// <summary>host.json's semantics, with retries made immediately visible so a test need not wait for them.</summary>
    public static readonly QueueHostSettings FastRetries = new()
    {
        BatchSize = 8,
        NewBatchThreshold = 4,
        MaxDequeueCount = 3,
        VisibilityTimeout = TimeSpan.Zero,
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
    };

    private PipelineHarness(ServiceProvider services, string prefix)
    {
        Services = services;
        Prefix = prefix;
    }

    public ServiceProvider Services { get; }

    public string Prefix { get; }

    public DealWatchStorage Storage => Services.GetRequiredService<DealWatchStorage>();

    public LocalFunctionHost Host => Services.GetRequiredService<LocalFunctionHost>();

    public static PipelineHarness Create(AzuriteFixture azurite, IEnumerable<KeyValuePair<string, string?>> settings, TimeProvider? time = null)
    {
        var prefix = AzuriteFixture.NewPrefix();
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [$"{StorageOptions.SectionName}:Prefix"] = prefix,
            ["DealWatch:Subscriptions:0:Name"] = Subscription,
            ["DealWatch:Subscriptions:0:Email:0"] = Recipient,
            ["DealWatch:Subscriptions:0:Teams:0"] = Webhook,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        if (!all.Keys.Any(k => k.StartsWith("DealWatch:Markets:Providers", StringComparison.Ordinal)))
        {
            // No quote provider: tests reach nothing beyond 127.0.0.1 (a test that needs quotes configures a local one).
            all["DealWatch:Markets:Providers:0:Name"] = "off";
            all["DealWatch:Markets:Providers:0:Kind"] = "chart";
            all["DealWatch:Markets:Providers:0:BaseUrl"] = "http://127.0.0.1:9";
            all["DealWatch:Markets:Providers:0:Enabled"] = "false";
        }

        var services = CliServices.Build(CliConfiguration.Build(all), LogLevel.Warning, s =>
        {
            s.AddSingleton(FastRetries);
            if (time is not null)
            {
                s.AddSingleton(time);
            }
        });
        return new PipelineHarness(services, prefix);
    }

    /// <summary>An alert for the subscription, written to the alerts table as a rule would.</summary>
    public async Task<Alert> AddAlertAsync(string id, DateTimeOffset? createdAt = null)
    {
        var alert = new Alert
        {
            Id = id,
            Kind = AlertKind.Deal,
            Subscription = Subscription,
            Language = "en",
            CreatedAt = createdAt ?? new DateTimeOffset(2025, 11, 3, 14, 0, 0, TimeSpan.Zero),
            Deal = new DealFacts
            {
                DealId = "d20251103-test",
                Buyer = "openai",
                Provider = "amazon",
                Parties = ["openai", "amazon"],
                AmountUsd = 38_000_000_000m,
                AmountText = "US$38 billion",
                Currency = "USD",
                DurationYears = 7,
                Sources = [new DealSource("s1", "OpenAI signs <b>$38B</b> AWS deal", "https://news.example.com/1", "Wire Desk", "en", null)],
            },
        };
        await Services.GetRequiredService<AlertStore>().AddAsync(alert, CancellationToken.None);
        return alert;
    }

    /// <summary>Puts a raw message on one of the app's queues (base64, as the Functions host expects).</summary>
    public async Task SendAsync<T>(string queueName, T message)
    {
        var queue = await Storage.QueueAsync(queueName, CancellationToken.None);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message));
    }

    /// <summary>The messages waiting on a queue, decoded.</summary>
    public async Task<string[]> PeekAsync(string queueName)
    {
        var queue = await Storage.QueueAsync(queueName, CancellationToken.None);
        return (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToArray();
    }

    /// <summary>Runs every queue function until the queues are empty.</summary>
    public async Task DrainAsync()
    {
        using var stop = new CancellationTokenSource();
        var pumps = Task.WhenAll(Host.Pumps.Select(p => p.RunAsync(stop.Token)));
        try
        {
            await Host.WaitUntilDrainedAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            await pumps;
        }
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
