using System.CommandLine;
using System.Globalization;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.Commands;

/// <summary><c>dealwatch sources</c>: each configured source's health, from the <c>sources</c> table.</summary>
internal static class SourcesCommand
{
    public static Command Create()
    {
        var prefix = CliStorage.PrefixOption();
        var command = new Command("sources", "Show each configured news source's health: last success, last error, failures in a row, backoff.") { prefix };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var storage = await CliStorage.ConnectAsync(result.GetValue(prefix), cancellationToken).ConfigureAwait(false);
            var services = new ServiceCollection()
                .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
                .AddDealWatchStorage(storage.Configuration)
                .AddDealWatchSources(storage.Configuration);
            await using var provider = CliServices.BuildValidated(services);
            var health = await provider.GetRequiredService<ISourceHealthReader>().GetHealthAsync(cancellationToken).ConfigureAwait(false);
            Print(health);
            return 0;
        });
        return command;
    }

    private static void Print(IReadOnlyList<SourceHealth> health)
    {
        if (health.Count == 0)
        {
            Console.WriteLine("No news sources are configured (DealWatch:Sources).");
            return;
        }

        foreach (var source in health)
        {
            var state = !source.Enabled ? "disabled"
                : source.LastPolledAt is null ? "never polled"
                : source.ConsecutiveFailures > 0 ? $"FAILING ({source.ConsecutiveFailures} in a row)"
                : "ok";
            Console.WriteLine($"{source.Name} [{source.Kind.ToString().ToLowerInvariant()}] {state}");
            Console.WriteLine($"  url:          {source.Url}");
            if (source.LastPolledAt is null)
            {
                continue;
            }

            Console.WriteLine($"  last poll:    {Time(source.LastPolledAt)} -> {source.LastStatus}{(source.LastHttpStatus is { } code ? $" (HTTP {code})" : "")}");
            Console.WriteLine($"  last success: {Time(source.LastSuccessAt)}{(source.LastStoryCount is { } n ? $", {n} stories in the last body" : "")}");
            if (source.LastError is not null)
            {
                Console.WriteLine($"  last error:   {Time(source.LastErrorAt)} {source.LastError}");
            }

            if (source.NextAttemptAt is { } next)
            {
                Console.WriteLine($"  backing off:  until {Time(next)}");
            }
        }
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never";
}
