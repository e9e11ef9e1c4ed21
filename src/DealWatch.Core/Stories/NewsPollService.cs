using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Stories;

/// <summary>What one poll of every news source did.</summary>
public sealed record NewsPollSummary(int SourcesPolled, int SourcesNotModified, int SourcesFailed, int StoriesRead, int StoriesEnqueued);

/// <summary>
/// Behind the <c>PollNews</c> timer: reads every configured news source once, records new stories in the
/// <c>stories</c> table and enqueues each new one on the <c>stories</c> queue. It never classifies or sends.
/// A story is recorded before it is enqueued and marked after, and a source's new validators are committed only
/// once all its stories are: a crash anywhere in between is mended by the next poll, which reads the source in full.
/// </summary>
public sealed partial class NewsPollService(
    INewsSourceReader reader,
    StoryStore stories,
    DealWatchStorage storage,
    TimeProvider time,
    ILogger<NewsPollService> logger)
{
    private const int StoryParallelism = 8;

    /// <summary>Polls every source once.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed; the stories enqueued so far stay enqueued.</exception>
    public async Task<NewsPollSummary> PollAsync(CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(QueueNames.Stories, cancellationToken).ConfigureAwait(false);
        int polled = 0, notModified = 0, failed = 0, read = 0, enqueued = 0;
        foreach (var source in reader.SourceNames)
        {
            var result = await reader.ReadAsync(source, cancellationToken).ConfigureAwait(false);
            polled++;
            switch (result.Status)
            {
                case SourceReadStatus.NotModified or SourceReadStatus.Skipped:
                    notModified++;
                    continue;
                case SourceReadStatus.Failed:
                    // The reader has logged the failure, with the failure count and the next attempt.
                    failed++;
                    continue;
            }

            read += result.Stories.Count;
            // Each story is three small storage calls; a burst of new stories goes through them several at a time.
            await Parallel.ForEachAsync(result.Stories, new ParallelOptions { MaxDegreeOfParallelism = StoryParallelism, CancellationToken = cancellationToken }, async (story, ct) =>
            {
                var added = await stories.AddAsync(story, time.GetUtcNow(), ct).ConfigureAwait(false);
                if (added == StoryAddResult.Seen)
                {
                    return;
                }

                var message = System.Text.Json.JsonSerializer.Serialize(new StoryMessage(MessageVersions.Current, story.Id), DealWatchJson.Default.StoryMessage);
                await queue.SendMessageAsync(message, ct).ConfigureAwait(false);
                await stories.MarkEnqueuedAsync(story.Id, ct).ConfigureAwait(false);
                Interlocked.Increment(ref enqueued);
                Log.StoryEnqueued(logger, story.Id, source, story.Title);
            }).ConfigureAwait(false);

            await reader.CommitAsync(result, cancellationToken).ConfigureAwait(false);
        }

        DealWatchMetrics.StoriesPolled.Add(read);
        var summary = new NewsPollSummary(polled, notModified, failed, read, enqueued);
        Log.Polled(logger, summary.SourcesPolled, summary.SourcesNotModified, summary.SourcesFailed, summary.StoriesRead, summary.StoriesEnqueued);
        return summary;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1002, EventName = "StoryEnqueued", Level = LogLevel.Information, Message = "New story {StoryId} from {SourceName}: {Title}")]
        public static partial void StoryEnqueued(ILogger logger, string storyId, string sourceName, string title);

        [LoggerMessage(EventId = 1003, EventName = "NewsPolled", Level = LogLevel.Information, Message = "Polled {SourcesPolled} sources ({SourcesNotModified} unchanged, {SourcesFailed} failed): {StoriesRead} stories read, {StoriesEnqueued} new")]
        public static partial void Polled(ILogger logger, int sourcesPolled, int sourcesNotModified, int sourcesFailed, int storiesRead, int storiesEnqueued);
    }
}
