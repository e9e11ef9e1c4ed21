using DealWatch.Core.Markets;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Polls the watched quotes once and publishes the market alerts they trip.</summary>
public sealed class PollMarkets(MarketPollService poller)
{
    [Function(nameof(PollMarkets))]
    public Task Run([TimerTrigger("%DealWatch:MarketsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        poller.PollAsync(cancellationToken);
}
