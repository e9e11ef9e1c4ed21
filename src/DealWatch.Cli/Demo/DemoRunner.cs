using Azure.Data.Tables;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Alerts;
using DealWatch.Core.Deals;
using DealWatch.Core.Delivery;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.Demo;

/// <summary>How to run the demo.</summary>
/// <param name="OutboxDirectory">Where deliveries without a configured provider are written.</param>
/// <param name="StorageConnectionString">The storage to run on (Azurite's, usually).</param>
/// <param name="StoragePrefix">Prefix of the demo's tables and queues.</param>
/// <param name="Settings">Settings over the samples' (SendGrid or Teams for real, fakes in tests).</param>
/// <param name="LogLevel">How much the functions log to the console.</param>
internal sealed record DemoOptions(
    string OutboxDirectory,
    string StorageConnectionString,
    string StoragePrefix,
    IReadOnlyDictionary<string, string?> Settings,
    LogLevel LogLevel);

/// <summary>What one demo run did.</summary>
internal sealed record DemoSummary(
    int StoriesStored,
    int DealsStored,
    IReadOnlyList<DemoAlert> Alerts,
    IReadOnlyList<DeliveryRecord> Deliveries,
    IReadOnlyList<string> OutboxFiles,
    int SampleRequests);

/// <summary>An alert of this run, with the subject line its email carries.</summary>
internal sealed record DemoAlert(Alert Alert, AlertState State, string Subject);

/// <summary>
/// The demo's pipeline: serves the bundled sample sources on 127.0.0.1, configures the sources, markets and
/// subscriptions from <c>samples/</c>, fires <c>PollNews</c> then <c>PollMarkets</c> and runs every queue function
/// until the queues are drained, exactly as <c>dealwatch run</c> would, and reports what happened.
/// </summary>
internal static class DemoRunner
{
    /// <summary>The timers the demo fires, in order: the news first, so the market poll can see the deal.</summary>
    public static IReadOnlyList<string> Timers { get; } = ["PollNews", "PollMarkets"];

    /// <exception cref="DirectoryNotFoundException">The samples folder was not found.</exception>
    /// <exception cref="TimeoutException">The queues did not drain.</exception>
    public static async Task<DemoSummary> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var samples = SamplesDirectory();
        await using var server = await SampleServer.StartAsync(Path.Combine(samples, "www"), cancellationToken).ConfigureAwait(false);
        var settings = new Dictionary<string, string?>(options.Settings)
        {
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
            [$"{StorageOptions.SectionName}:Prefix"] = options.StoragePrefix,
            ["DealWatch:Outbox:Directory"] = Path.GetFullPath(options.OutboxDirectory),
        };
        var configuration = CliConfiguration.Build(settings, builder =>
        {
            foreach (var file in new[] { "sources.json", "subscriptions.json" })
            {
                var text = File.ReadAllText(Path.Combine(samples, file)).Replace("{demo}", server.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal);
                builder.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
            }
        });

        await using var services = CliServices.Build(configuration, options.LogLevel);
        var started = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var outboxBefore = OutboxFiles(options.OutboxDirectory);
        var host = services.GetRequiredService<LocalFunctionHost>();
        await host.FireAndDrainAsync(Timers, TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);

        var storage = services.GetRequiredService<DealWatchStorage>();
        var renderer = services.GetRequiredService<IAlertRenderer>();
        var alerts = new List<DemoAlert>();
        var store = services.GetRequiredService<AlertStore>();
        var ledger = services.GetRequiredService<DeliveryLedger>();
        var deliveries = new List<DeliveryRecord>();
        await foreach (var record in ledger.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record.StartedAt >= started)
            {
                deliveries.Add(record);
            }
        }

        foreach (var alertId in deliveries.Select(d => d.AlertId).Distinct(StringComparer.Ordinal))
        {
            if (await store.GetAsync(alertId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                alerts.Add(new DemoAlert(stored.Alert, stored.State, renderer.RenderEmail(stored.Alert).Subject));
            }
        }

        return new DemoSummary(
            await CountAsync(storage, TableNames.Stories, cancellationToken).ConfigureAwait(false),
            (await services.GetRequiredService<DealStore>().ListAsync(DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false)).Count,
            alerts.OrderBy(a => a.Alert.CreatedAt).ToArray(),
            deliveries,
            OutboxFiles(options.OutboxDirectory).Except(outboxBefore, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            server.RequestCount);
    }

    /// <summary>The samples folder: beside the binary when published, else in the repository.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither has one.</exception>
    public static string SamplesDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "samples");
        if (File.Exists(Path.Combine(beside, "sources.json")))
        {
            return beside;
        }

        return RepositoryRoot.Find() is { } root && File.Exists(Path.Combine(root.FullName, "samples", "sources.json"))
            ? Path.Combine(root.FullName, "samples")
            : throw new DirectoryNotFoundException("The bundled samples (samples/sources.json) were not found beside the binary or in the repository.");
    }

    private static async Task<int> CountAsync(DealWatchStorage storage, string tableName, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(tableName, cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            count += page.Values.Count;
        }

        return count;
    }

    private static HashSet<string> OutboxFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal)
            : [];
}
