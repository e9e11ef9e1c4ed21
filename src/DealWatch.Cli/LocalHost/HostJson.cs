using System.Globalization;
using System.Text.Json;

namespace DealWatch.Cli.LocalHost;

/// <summary>
/// The queue settings of the Function App's <c>host.json</c> (<c>extensions.queues</c>), with the Functions host's
/// defaults for what it leaves out, so that the local host behaves as the Function App does.
/// </summary>
internal sealed record QueueHostSettings
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; } = 8;
    public int MaxDequeueCount { get; init; } = 5;
    /// <summary>How long a failed message stays invisible before its next try.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How long a message being processed stays invisible to other hosts (the Functions host uses 10 minutes and renews).</summary>
    public TimeSpan ProcessingVisibility { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Reads <c>host.json</c>; a missing file gives the defaults.</summary>
    /// <exception cref="InvalidOperationException">The file is not valid JSON or a value is malformed.</exception>
    public static QueueHostSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            return new QueueHostSettings();
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
            {
                return new QueueHostSettings();
            }

            var defaults = new QueueHostSettings();
            return new QueueHostSettings
            {
                BatchSize = Int(queues, "batchSize") ?? defaults.BatchSize,
                NewBatchThreshold = Int(queues, "newBatchThreshold") ?? defaults.NewBatchThreshold,
                MaxDequeueCount = Int(queues, "maxDequeueCount") ?? defaults.MaxDequeueCount,
                VisibilityTimeout = Span(queues, "visibilityTimeout") ?? defaults.VisibilityTimeout,
                MaxPollingInterval = Span(queues, "maxPollingInterval") ?? defaults.MaxPollingInterval,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{path} is not a valid host.json: {ex.Message}", ex);
        }
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static TimeSpan? Span(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? TimeSpan.Parse(value.GetString() ?? "", CultureInfo.InvariantCulture) : null;
}
