using System.Diagnostics.Metrics;

namespace DealWatch.Core;

/// <summary>
/// The counters a dashboard charts, on the <c>DealWatch</c> meter: OpenTelemetry (and Application Insights
/// through it) collects them when the host adds the meter.
/// </summary>
public static class DealWatchMetrics
{
    public const string MeterName = "DealWatch";

    private static readonly Meter Meter = new(MeterName);

    public static Counter<long> StoriesPolled { get; } = Meter.CreateCounter<long>("dealwatch.stories.polled", "{story}", "Stories read from news sources");
    public static Counter<long> StoriesClassified { get; } = Meter.CreateCounter<long>("dealwatch.stories.classified", "{story}", "Stories classified");
    public static Counter<long> DealsFound { get; } = Meter.CreateCounter<long>("dealwatch.deals.found", "{deal}", "New deals (clusters) created");
    public static Counter<long> AlertsCreated { get; } = Meter.CreateCounter<long>("dealwatch.alerts.created", "{alert}", "Alerts created by rules");
    public static Counter<long> DeliveriesSent { get; } = Meter.CreateCounter<long>("dealwatch.deliveries.sent", "{delivery}", "Deliveries accepted by a channel");
    public static Counter<long> DeliveriesFailed { get; } = Meter.CreateCounter<long>("dealwatch.deliveries.failed", "{delivery}", "Deliveries rejected, failed or of unknown outcome");
}
