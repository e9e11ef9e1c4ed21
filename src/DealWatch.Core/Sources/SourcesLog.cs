using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Sources;

/// <summary>The news sources' log events (EventIds 2101-2199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2101, EventName = "SourceRead", Level = LogLevel.Information, Message = "Source {SourceName} answered {HttpStatus} with {StoryCount} stories")]
    public static partial void SourceRead(ILogger logger, string sourceName, int storyCount, int httpStatus);

    [LoggerMessage(EventId = 2102, EventName = "SourceNotModified", Level = LogLevel.Debug, Message = "Source {SourceName} is unchanged ({HttpStatus})")]
    public static partial void SourceNotModified(ILogger logger, string sourceName, int httpStatus);

    [LoggerMessage(EventId = 2103, EventName = "SourceReadFailed", Level = LogLevel.Warning, Message = "Source {SourceName} failed ({ConsecutiveFailures} in a row, next try at {NextAttemptAt}): {Error}")]
    public static partial void SourceFailed(ILogger logger, string sourceName, string error, int consecutiveFailures, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 2104, EventName = "SourceBackingOff", Level = LogLevel.Debug, Message = "Source {SourceName} is backing off after {ConsecutiveFailures} failures until {NextAttemptAt}")]
    public static partial void BackingOff(ILogger logger, string sourceName, int consecutiveFailures, DateTimeOffset nextAttemptAt);
}
