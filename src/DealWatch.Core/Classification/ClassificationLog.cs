using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Classification;

internal static partial class ClassificationLog
{
    [LoggerMessage(EventId = 3101, EventName = "ClassificationEnrichmentFailed", Level = LogLevel.Warning,
        Message = "Entity recognition for story {StoryId} failed ({Reason}); the local classification stands")]
    public static partial void EnrichmentFailed(ILogger logger, string storyId, string reason);

    [LoggerMessage(EventId = 3102, EventName = "ClassificationEnriched", Level = LogLevel.Debug,
        Message = "Story {StoryId} re-classified with {Organisations} organisations from entity recognition: confidence {Before} -> {After}")]
    public static partial void Enriched(ILogger logger, string storyId, int organisations, double before, double after);
}
