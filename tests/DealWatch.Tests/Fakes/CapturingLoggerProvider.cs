using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DealWatch.Tests.Fakes;

/// <summary>
/// Keeps every log entry, at every level, with its structured values and exception, so that a test can look
/// for what must never be logged (an API key, a webhook signature).
/// </summary>
/// <example><code>
/// var logs = new CapturingLoggerProvider();
/// services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
/// Assert.DoesNotContain(secret, logs.AllText);
/// </code></example>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    /// <summary>Every entry's category, message, structured values and exception, one entry a line.</summary>
    public string AllText => string.Join('\n', entries.Select(e => e.ToString()));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray()
                : [];
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), values, exception));
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string?>> Values, Exception? Exception)
{
    public override string ToString()
    {
        var text = new StringBuilder().Append(Level).Append(' ').Append(Category).Append('[').Append(EventId.Id).Append("] ").Append(Message);
        foreach (var (key, value) in Values)
        {
            text.Append(" | ").Append(key).Append('=').Append(value);
        }

        if (Exception is not null)
        {
            text.Append(" | ").Append(Exception);
        }

        return text.ToString();
    }
}
