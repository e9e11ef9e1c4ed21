namespace DealWatch.Core.Sources;

/// <summary>A body that is not a readable feed; the message is the one line the user sees.</summary>
internal sealed class FeedFormatException(string message) : Exception(message);

/// <summary>One item as a feed wrote it, before normalisation.</summary>
internal sealed record RawItem(
    string? Title,
    string? Link,
    Uri? LinkBase,
    string? Summary,
    string? Published,
    string? Language,
    string? Outlet,
    bool TitleIsText = false);

/// <summary>A parsed document: its items and what its channel says of itself.</summary>
internal sealed record RawFeed(IReadOnlyList<RawItem> Items, string? Title, string? Language, string Format);
