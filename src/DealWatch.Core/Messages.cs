using System.Text.Json.Serialization;

namespace DealWatch.Core;

/// <summary>
/// The messages that travel between the functions on Storage queues: small, versioned records that carry ids,
/// never object graphs. A consumer refuses a version it does not know, so the message ends in the poison queue
/// instead of being misread.
/// </summary>
public static class MessageVersions
{
    public const int Current = 1;

    /// <exception cref="InvalidOperationException">The version is not one this build reads.</exception>
    public static void EnsureSupported(int version, string messageType)
    {
        if (version != Current)
        {
            throw new InvalidOperationException($"{messageType} version {version} is not supported by this build (expected {Current}).");
        }
    }
}

/// <summary>A new story to classify (queue <c>stories</c>).</summary>
public sealed record StoryMessage(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("storyId")] string StoryId);

/// <summary>An alert to route to its subscription's channels (queue <c>alerts</c>).</summary>
public sealed record AlertMessage(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("alertId")] string AlertId);

/// <summary>One delivery of one alert to one recipient on one channel (queues <c>email</c> and <c>teams</c>).</summary>
/// <param name="Version">Message version.</param>
/// <param name="AlertId">The alert (or digest) to deliver.</param>
/// <param name="Subscription">The subscription the recipient belongs to.</param>
/// <param name="Recipient">An email address, or the configured name of a Teams webhook (never its URL, which is a secret).</param>
public sealed record DeliveryMessage(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("alertId")] string AlertId,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("recipient")] string Recipient);
