using DealWatch.Core.Stories;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Polls every news source once and enqueues the new stories.</summary>
public sealed class PollNews(NewsPollService poller)
{
    [Function(nameof(PollNews))]
    public Task Run([TimerTrigger("%DealWatch:NewsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        poller.PollAsync(cancellationToken);
}
