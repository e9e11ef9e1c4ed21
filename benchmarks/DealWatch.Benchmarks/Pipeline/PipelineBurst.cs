using System.Diagnostics;
using System.Globalization;
using DealWatch.Cli;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Delivery;
using DealWatch.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealWatch.Benchmarks.Pipeline;

/// <summary>
/// The pipeline burst: N new stories (a tenth of them deals) polled at once and carried through every function by
/// the local host on Azurite, with SendGrid and Teams answered by a local server (202). Measures throughput, the
/// latency from the poll to each delivery, and the process's peak memory.
/// <code>dotnet run -c Release --project benchmarks/DealWatch.Benchmarks -- pipeline [--stories 1000] [--alert-delay 00:01:00]</code>
/// A deal's alert waits <c>DealWatch:Deals:AlertDelay</c> (1 minute by default) for other outlets' reports before it
/// is routed; <c>--alert-delay 0</c> measures the pipeline's own latency without that deliberate wait.
/// </summary>
internal static class PipelineBurst
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stories = args.SkipWhile(a => a != "--stories").Skip(1).Select(int.Parse).FirstOrDefault(1000);
        var alertDelay = args.SkipWhile(a => a != "--alert-delay").Skip(1).Select(a => a == "0" ? TimeSpan.Zero : TimeSpan.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(TimeSpan.FromMinutes(1));
        using var azurite = await AzuriteLauncher.EnsureRunningAsync(AzuritePorts.Default, dataDirectory: null, NullLogger.Instance, CancellationToken.None);

        var feed = BurstFeed.Rss(stories, "https://burst.example.com", new DateTimeOffset(2025, 11, 3, 13, 0, 0, TimeSpan.Zero));
        var accepted = 0;
        await using var fakes = await StartFakesAsync(feed, () => Interlocked.Increment(ref accepted));
        var url = fakes.BaseUrl.ToString().TrimEnd('/');
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [$"{StorageOptions.SectionName}:Prefix"] = "burst" + DateTime.UtcNow.ToString("HHmmssff", CultureInfo.InvariantCulture),
            ["DealWatch:Sources:0:Name"] = "Burst Wire",
            ["DealWatch:Sources:0:Url"] = url + "/burst.xml",
            ["DealWatch:Sources:0:Kind"] = "feed",
            ["DealWatch:Sources:0:Language"] = "en",
            ["DealWatch:Sources:MaxBodyBytes"] = "50000000",
            ["DealWatch:Email:SendGridApiKey"] = "SG.bench",
            ["DealWatch:Email:SendGridBaseUrl"] = url,
            ["DealWatch:Email:From"] = "alerts@dealwatch.test",
            ["DealWatch:Teams:Webhooks:bench"] = url + "/teams",
            ["DealWatch:Teams:AllowInsecureHttp"] = "true",
            ["DealWatch:Subscriptions:0:Name"] = "bench",
            ["DealWatch:Subscriptions:0:Email:0"] = "analyst@example.com",
            ["DealWatch:Subscriptions:0:Teams:0"] = "bench",
            ["DealWatch:Subscriptions:0:Deals:MinAmountUsd"] = "1000000000",
            ["DealWatch:Deals:AlertDelay"] = alertDelay.ToString("c", CultureInfo.InvariantCulture),
            // Deal alerts show the market beside them; here the quote provider is the local server, which has no quotes.
            ["DealWatch:Markets:Providers:0:Name"] = "chart",
            ["DealWatch:Markets:Providers:0:Kind"] = "chart",
            ["DealWatch:Markets:Providers:0:BaseUrl"] = url,
        };

        await using var services = CliServices.Build(CliConfiguration.Build(settings), LogLevel.Error);
        var host = services.GetRequiredService<LocalFunctionHost>();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakMemoryAsync(sampling.Token);

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await host.FireAndDrainAsync(["PollNews"], TimeSpan.FromMinutes(20), CancellationToken.None);
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        var peakWorkingSet = await peak;

        var latencies = new List<double>();
        var states = new Dictionary<DeliveryState, int>();
        await foreach (var record in services.GetRequiredService<DeliveryLedger>().ListAllAsync(CancellationToken.None))
        {
            states[record.State] = states.GetValueOrDefault(record.State) + 1;
            if (record.CompletedAt is { } completed)
            {
                latencies.Add((completed - started).TotalMilliseconds);
            }
        }

        latencies.Sort();
        var deals = stories / 10 + (stories % 10 == 0 ? 0 : 1);
        Console.WriteLine($"Pipeline burst: {stories} stories ({deals} deals), alert delay {alertDelay}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"| stories | deals | deliveries (sent/expected) | provider requests | drained in | throughput | poll→delivery p50 | p99 | max | peak working set |");
        Console.WriteLine($"| {stories} | {deals} | {states.GetValueOrDefault(DeliveryState.Sent)}/{deals * 2} | {accepted} | {elapsed.TotalSeconds:0.0} s | {stories / elapsed.TotalSeconds:0} stories/s | {Percentile(latencies, 0.50) / 1000:0.00} s | {Percentile(latencies, 0.99) / 1000:0.00} s | {(latencies.Count > 0 ? latencies[^1] / 1000 : 0):0.00} s | {peakWorkingSet / 1024.0 / 1024:0} MB |");
        foreach (var (state, count) in states.Where(s => s.Key != DeliveryState.Sent))
        {
            Console.WriteLine($"  {count} deliveries {state}");
        }

        return states.GetValueOrDefault(DeliveryState.Sent) == deals * 2 && accepted == deals * 2 ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<long> SamplePeakMemoryAsync(CancellationToken cancellationToken)
    {
        long peak = 0;
        using var process = Process.GetCurrentProcess();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(50, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Refresh();
        return Math.Max(peak, process.PeakWorkingSet64);
    }

    private static Task<LoopbackWebApp> StartFakesAsync(string feed, Action onDelivery) =>
        LoopbackWebApp.StartAsync(app =>
        {
            app.MapGet("/burst.xml", () => Results.Text(feed, "application/rss+xml; charset=utf-8"));
            app.MapPost("/v3/mail/send", (HttpContext context) =>
            {
                onDelivery();
                context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
                return Results.StatusCode(202);
            });
            app.MapPost("/teams", () =>
            {
                onDelivery();
                return Results.StatusCode(202);
            });
        });
}
