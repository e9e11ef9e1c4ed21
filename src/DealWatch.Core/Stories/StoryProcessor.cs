using DealWatch.Core.Classification;
using DealWatch.Core.Deals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Stories;

/// <summary>
/// Behind the <c>ClassifyStory</c> queue function: classifies one story, attaches a deal story to its deal
/// (which publishes the alerts it calls for), and records the verdict on the story.
/// </summary>
public sealed partial class StoryProcessor(
    StoryStore stories,
    IDealClassifier classifier,
    DealService deals,
    IOptions<DealClusteringOptions> options,
    ILogger<StoryProcessor> logger)
{
    /// <summary>Processes one message of the <c>stories</c> queue.</summary>
    /// <exception cref="InvalidOperationException">The message is of an unknown version or names no stored story (it belongs in the poison queue).</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task ProcessAsync(StoryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MessageVersions.EnsureSupported(message.Version, nameof(StoryMessage));
        var stored = await stories.GetAsync(message.StoryId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Story '{message.StoryId}' is not in the stories table.");
        var story = stored.Story;
        var classification = await classifier.ClassifyAsync(
            new StoryText(story.Id, story.Title, story.Summary, story.Language, story.Source, story.PublishedAt), cancellationToken).ConfigureAwait(false);
        DealWatchMetrics.StoriesClassified.Add(1, new KeyValuePair<string, object?>("deal", classification.IsComputeDeal));

        string? dealId = null;
        if (classification.IsComputeDeal && classification.Confidence >= options.Value.MinConfidence)
        {
            dealId = (await deals.AttachAsync(stored, classification, cancellationToken).ConfigureAwait(false)).Id;
        }

        await stories.SaveClassificationAsync(story.Id, classification, dealId, cancellationToken).ConfigureAwait(false);
        Log.Classified(logger, story.Id, classification.IsComputeDeal, classification.Confidence, dealId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, EventName = "StoryClassified", Level = LogLevel.Information, Message = "Story {StoryId} classified: deal {IsComputeDeal} (confidence {Confidence:0.00}), deal id {DealId}")]
        public static partial void Classified(ILogger logger, string storyId, bool isComputeDeal, double confidence, string? dealId);
    }
}
