namespace DealWatch.Core.Sources;

/// <summary>How one configured source has been doing, from its row in the <c>sources</c> table.</summary>
/// <param name="Name">The source's configured name.</param>
/// <param name="Url">Its URL.</param>
/// <param name="Kind">Its wire format.</param>
/// <param name="Enabled">False when configured but not polled.</param>
/// <param name="LastPolledAt">When it was last asked (null: never).</param>
/// <param name="LastSuccessAt">When it last answered with a feed or a 304.</param>
/// <param name="LastErrorAt">When it last failed.</param>
/// <param name="LastError">The last failure, in one line.</param>
/// <param name="ConsecutiveFailures">Failures since the last success.</param>
/// <param name="LastStatus">The last poll's outcome: Updated, NotModified or Failed.</param>
/// <param name="LastHttpStatus">The last HTTP status, when there was a response.</param>
/// <param name="NextAttemptAt">While backing off: the first time it will be asked again.</param>
/// <param name="LastStoryCount">Stories in the last body read.</param>
public sealed record SourceHealth(
    string Name,
    string Url,
    SourceKind Kind,
    bool Enabled,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    int ConsecutiveFailures,
    string? LastStatus,
    int? LastHttpStatus,
    DateTimeOffset? NextAttemptAt,
    int? LastStoryCount);

/// <summary>The health of every configured source (what <c>dealwatch sources</c> prints).</summary>
public interface ISourceHealthReader
{
    /// <summary>One entry per configured source, in configuration order; a source never polled has no dates.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    Task<IReadOnlyList<SourceHealth>> GetHealthAsync(CancellationToken cancellationToken);
}
