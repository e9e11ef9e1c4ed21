using System.Text.Json.Serialization;

namespace DealWatch.Core.Sources;

/// <summary>One story as read from a news source, normalised (the line <c>dealwatch feed</c> prints).</summary>
/// <param name="Id">Stable id of the story: a hash of its canonical URL (tracking parameters removed), the same across polls and URL variants.</param>
/// <param name="Title">Plain-text headline (HTML removed, entities decoded).</param>
/// <param name="Url">Canonical absolute URL.</param>
/// <param name="PublishedAt">Publication time in UTC, or null when the source gives none (never the time of the poll).</param>
/// <param name="Summary">Plain-text summary, possibly empty.</param>
/// <param name="Language">BCP 47 tag: <c>en</c>, <c>zh-Hant</c>, ...</param>
/// <param name="Source">The outlet's name.</param>
/// <param name="Fingerprint">A fingerprint of the title that lets the deal stage group the same news from different outlets.</param>
public sealed record NewsStory(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset? PublishedAt,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);

/// <summary>How one poll of one source went.</summary>
public enum SourceReadStatus
{
    /// <summary>The source answered with content; <see cref="SourceReadResult.Stories"/> holds every story in it.</summary>
    Updated,
    /// <summary>The source said nothing changed (304), or its body was identical to the last one.</summary>
    NotModified,
    /// <summary>The source is backing off after failures; it was not asked.</summary>
    Skipped,
    /// <summary>The poll failed; <see cref="SourceReadResult.Error"/> says why in one line.</summary>
    Failed,
}

/// <summary>The outcome of reading one configured source.</summary>
public sealed record SourceReadResult(string SourceName, SourceReadStatus Status, IReadOnlyList<NewsStory> Stories, string? Error = null)
{
    /// <summary>
    /// For <see cref="SourceReadStatus.Updated"/>: the validators of the content just read (ETag, Last-Modified, body
    /// hash), held back until <see cref="INewsSourceReader.CommitAsync"/> so that the source is asked again until its
    /// stories are safely stored.
    /// </summary>
    public SourceValidators? Validators { get; init; }
}

/// <summary>What makes the next request to a source conditional.</summary>
public sealed record SourceValidators(string? ETag, string? LastModified, string? ContentHash);

/// <summary>Reads the configured news sources: fetch (politely), parse, normalise; records each source's health.</summary>
public interface INewsSourceReader
{
    /// <summary>The names of the configured, enabled sources.</summary>
    IReadOnlyList<string> SourceNames { get; }

    /// <summary>Polls one source once. Expected failures (HTTP errors, malformed feeds) come back as <see cref="SourceReadStatus.Failed"/>, not as exceptions.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<SourceReadResult> ReadAsync(string sourceName, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the stories of an <see cref="SourceReadStatus.Updated"/> read are stored, so the next poll may be
    /// conditional on this content. Until then the source is read in full again: a crash between reading and storing
    /// costs a request, never a story. Does nothing for other results.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    Task CommitAsync(SourceReadResult result, CancellationToken cancellationToken);
}
