using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DealWatch.Core.Classification;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Stories;

/// <summary>A story as the <c>stories</c> table keeps it.</summary>
public sealed record StoredStory(NewsStory Story, DateTimeOffset FirstSeenAt, bool Enqueued, DealClassification? Classification, string? DealId);

/// <summary>What happened when a polled story was offered to the <c>stories</c> table.</summary>
public enum StoryAddResult
{
    /// <summary>First time seen: it must be enqueued.</summary>
    New,
    /// <summary>Seen before, but a crash left it un-enqueued: it must be enqueued again.</summary>
    NotYetEnqueued,
    /// <summary>Seen and enqueued before: nothing to do.</summary>
    Seen,
}

/// <summary>
/// The <c>stories</c> table: every story ever seen, keyed by its id (a hash of its canonical URL), with its
/// classification once made. Partitioned by the id's first two characters to spread load.
/// </summary>
public sealed class StoryStore(DealWatchStorage storage)
{
    private const int MaxSummaryChars = 8_000;

    /// <summary>Records a polled story unless it was seen before.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<StoryAddResult> AddAsync(NewsStory story, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        var table = await storage.TableAsync(TableNames.Stories, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(PartitionOf(story.Id), story.Id)
        {
            ["Title"] = story.Title,
            ["Url"] = story.Url,
            ["PublishedAt"] = story.PublishedAt,
            ["Summary"] = story.Summary.Length > MaxSummaryChars ? story.Summary[..MaxSummaryChars] : story.Summary,
            ["Language"] = story.Language,
            ["Source"] = story.Source,
            ["Fingerprint"] = story.Fingerprint,
            ["FirstSeenAt"] = seenAt,
            ["Enqueued"] = false,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return StoryAddResult.New;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["Enqueued"], cancellationToken).ConfigureAwait(false);
            return existing.Value.GetBoolean("Enqueued") == true ? StoryAddResult.Seen : StoryAddResult.NotYetEnqueued;
        }
    }

    /// <summary>Marks a story as handed to the <c>stories</c> queue.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task MarkEnqueuedAsync(string storyId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Stories, cancellationToken).ConfigureAwait(false);
        await table.UpdateEntityAsync(new TableEntity(PartitionOf(storyId), storyId) { ["Enqueued"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a story, or null when there is none with this id.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<StoredStory?> GetAsync(string storyId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Stories, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(storyId), storyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } e)
        {
            return null;
        }

        var story = new NewsStory(
            storyId,
            e.GetString("Title") ?? "",
            e.GetString("Url") ?? "",
            e.GetDateTimeOffset("PublishedAt"),
            e.GetString("Summary") ?? "",
            e.GetString("Language") ?? "en",
            e.GetString("Source") ?? "",
            e.GetString("Fingerprint") ?? "");
        var classification = e.GetString("Classification") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, DealWatchJson.Default.DealClassification)
            : null;
        return new StoredStory(story, e.GetDateTimeOffset("FirstSeenAt") ?? DateTimeOffset.MinValue, e.GetBoolean("Enqueued") == true, classification, e.GetString("DealId"));
    }

    /// <summary>Stores the classifier's verdict on a story, and the deal it was attached to.</summary>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task SaveClassificationAsync(string storyId, DealClassification classification, string? dealId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableNames.Stories, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(PartitionOf(storyId), storyId)
        {
            ["Classification"] = JsonSerializer.Serialize(classification, DealWatchJson.Default.DealClassification),
            ["IsComputeDeal"] = classification.IsComputeDeal,
            ["DealId"] = dealId,
        };
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private static string PartitionOf(string storyId) => storyId.Length >= 2 ? storyId[..2] : storyId;
}
