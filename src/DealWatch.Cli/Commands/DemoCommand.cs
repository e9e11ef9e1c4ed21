using System.CommandLine;
using System.Globalization;
using DealWatch.Cli.Demo;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Alerts;
using DealWatch.Core.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealWatch.Cli.Commands;

/// <summary><c>dealwatch demo</c>: the whole pipeline on the bundled samples, on Azurite, deliveries to the outbox.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var outbox = new Option<string>("--outbox") { Description = "Where deliveries are written when no SendGrid key or Teams webhook is configured.", DefaultValueFactory = _ => "outbox" };
        var fresh = new Option<bool>("--fresh") { Description = "Start over on new tables and queues instead of the demo's previous state." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every function run." };
        var command = new Command("demo", "Run the pipeline end to end on the bundled sample sources (Azurite started for you); alerts are shown and written to the outbox.")
        {
            outbox, fresh, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var outboxDirectory = result.GetValue(outbox)!;
            using var azurite = await AzuriteLauncher.EnsureRunningAsync(
                AzuritePorts.Default, AzuriteDataDirectory(), NullLogger.Instance, cancellationToken).ConfigureAwait(false);
            var prefix = result.GetValue(fresh) ? "demo" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture) : "demo";
            var summary = await DemoRunner.RunAsync(
                new DemoOptions(outboxDirectory, azurite.ConnectionString, prefix, new Dictionary<string, string?>(), result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning),
                cancellationToken).ConfigureAwait(false);
            Print(summary, outboxDirectory);
            return 0;
        });
        return command;
    }

    /// <summary>Azurite started by the CLI keeps its data in the repository's <c>.azurite</c> folder, so a second demo sees the first one's state.</summary>
    internal static string? AzuriteDataDirectory() =>
        RepositoryRoot.Find() is { } root ? Path.Combine(root.FullName, ".azurite") : Path.Combine(Path.GetTempPath(), "dealwatch-azurite");

    private static void Print(DemoSummary summary, string outboxDirectory)
    {
        var sent = summary.Deliveries.Count(d => d.State == DeliveryState.Sent);
        Console.WriteLine(
            $"DealWatch demo: {Count(summary.StoriesStored, "story", "stories")} stored, {Count(summary.DealsStored, "deal", "deals")}, " +
            $"{Count(summary.Alerts.Count, "alert", "alerts")} this run, {Count(sent, "delivery", "deliveries")} sent.");
        if (summary.Alerts.Count == 0)
        {
            Console.WriteLine("Nothing new to alert: these samples were already processed on this storage (run 'demo --fresh' to start over).");
            return;
        }

        foreach (var alert in summary.Alerts)
        {
            Console.WriteLine();
            Console.WriteLine($"  [{alert.Alert.Kind}] {alert.Subject}");
            if (alert.Alert.Deal is { } deal && alert.Alert.Kind is AlertKind.Deal or AlertKind.DealUpdate)
            {
                foreach (var source in deal.Sources)
                {
                    Console.WriteLine($"      {source.Outlet}: {source.Title}");
                }
            }

            foreach (var delivery in summary.Deliveries.Where(d => d.AlertId == alert.Alert.Id).OrderBy(d => d.Channel, StringComparer.Ordinal))
            {
                Console.WriteLine($"      -> {delivery.Channel} {delivery.Recipient}: {delivery.State}{(delivery.Detail is { } detail ? " (" + detail + ")" : "")}");
            }
        }

        Console.WriteLine();
        var outboxPath = Path.GetFullPath(outboxDirectory);
        Console.WriteLine($"Outbox ({outboxPath}):");
        foreach (var file in summary.OutboxFiles)
        {
            Console.WriteLine("  " + Path.GetRelativePath(outboxPath, file));
        }
    }

    private static string Count(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
