using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Sources;

/// <summary>
/// Polls the configured sources politely: a conditional GET (ETag / If-Modified-Since, kept per source in the
/// <c>sources</c> table), compressed transfer, a time limit over the whole exchange (headers and body), a size
/// limit enforced while reading, and exponential backoff after failures. An unchanged source costs one
/// conditional request and yields <see cref="SourceReadStatus.NotModified"/>.
/// </summary>
internal sealed class NewsSourceReader(
    IHttpClientFactory httpClients,
    SourceStateStore states,
    HostRequestGate gate,
    IOptions<SourcesOptions> options,
    TimeProvider time,
    ILogger<NewsSourceReader> logger) : INewsSourceReader, ISourceHealthReader
{
    public const string HttpClientName = "DealWatch.Sources";
    private const double EdgarRequestsPerSecond = 10;

    private readonly SourcesOptions _options = options.Value;

    public IReadOnlyList<string> SourceNames => [.. _options.Enabled.Select(s => s.Name)];

    public async Task<SourceReadResult> ReadAsync(string sourceName, CancellationToken cancellationToken)
    {
        var source = _options.Items.FirstOrDefault(s => string.Equals(s.Name, sourceName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No news source is configured with the name '{sourceName}'.", nameof(sourceName));
        if (!source.Enabled)
        {
            return new SourceReadResult(source.Name, SourceReadStatus.Skipped, [], "the source is disabled");
        }

        var state = await states.GetAsync(source.Name, cancellationToken).ConfigureAwait(false) ?? new SourceState { Name = source.Name };
        var now = time.GetUtcNow();
        if (state.NextAttemptAt is { } next && next > now)
        {
            Log.BackingOff(logger, source.Name, state.ConsecutiveFailures, next);
            return new SourceReadResult(source.Name, SourceReadStatus.Skipped, [], $"backing off after {state.ConsecutiveFailures} failures until {next.ToString("u", CultureInfo.InvariantCulture)}");
        }

        if (!string.Equals(state.Url, source.Url, StringComparison.Ordinal))
        {
            // A new URL is a new resource: the old validators say nothing about it.
            state.Url = source.Url;
            state.ETag = null;
            state.LastModified = null;
            state.ContentHash = null;
        }

        var uri = new Uri(source.Url);
        var rate = source.MaxRequestsPerSecond > 0 ? source.MaxRequestsPerSecond : source.Kind == SourceKind.Edgar ? EdgarRequestsPerSecond : 0;
        await gate.WaitAsync(uri.Authority, rate, cancellationToken).ConfigureAwait(false);

        state.LastPolledAt = time.GetUtcNow();
        Outcome outcome;
        using (var timeout = new CancellationTokenSource(_options.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                outcome = await FetchAsync(source, uri, state, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                outcome = Outcome.Failed($"timed out after {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (DealWatch:Sources:Timeout)", null, null);
            }
            catch (Polly.Timeout.TimeoutRejectedException)
            {
                outcome = Outcome.Failed($"timed out after {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s waiting for the response", null, null);
            }
            catch (Polly.CircuitBreaker.BrokenCircuitException)
            {
                outcome = Outcome.Failed($"not asked: {uri.Host} failed too often lately (circuit open)", null, null);
            }
            catch (HttpRequestException ex)
            {
                outcome = Outcome.Failed("request failed: " + OneLine(ex), (int?)ex.StatusCode, null);
            }
            catch (IOException ex)
            {
                outcome = Outcome.Failed("the connection broke while reading the body: " + OneLine(ex), null, null);
            }
        }

        var result = Record(source, state, outcome);
        await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task CommitAsync(SourceReadResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Validators is not { } validators)
        {
            return;
        }

        var state = await states.GetAsync(result.SourceName, cancellationToken).ConfigureAwait(false) ?? new SourceState { Name = result.SourceName };
        (state.ETag, state.LastModified, state.ContentHash) = (validators.ETag, validators.LastModified, validators.ContentHash);
        await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SourceHealth>> GetHealthAsync(CancellationToken cancellationToken)
    {
        var all = await states.GetAllAsync(cancellationToken).ConfigureAwait(false);
        return [.. _options.Items.Select(s =>
        {
            var state = all.GetValueOrDefault(s.Name);
            return new SourceHealth(s.Name, s.Url, s.Kind, s.Enabled, state?.LastPolledAt, state?.LastSuccessAt, state?.LastErrorAt, state?.LastError,
                state?.ConsecutiveFailures ?? 0, state?.LastStatus, state?.LastHttpStatus, state?.NextAttemptAt, state?.LastStoryCount);
        })];
    }

    private async Task<Outcome> FetchAsync(NewsSourceOptions source, Uri uri, SourceState state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var userAgent = source.Kind == SourceKind.Edgar && !string.IsNullOrWhiteSpace(_options.ContactEmail)
            ? $"{_options.UserAgent} {_options.ContactEmail}"
            : _options.UserAgent;
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("Accept", source.Kind == SourceKind.Cnyes
            ? "application/json"
            : "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5");
        if (state.ETag is { Length: > 0 } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (state.LastModified is { Length: > 0 } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var etagHeader = response.Headers.ETag?.ToString();
        var lastModifiedHeader = response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return Outcome.NotModified(status, etagHeader ?? state.ETag, lastModifiedHeader ?? state.LastModified, state.ContentHash);
        }

        if (!response.IsSuccessStatusCode)
        {
            return Outcome.Failed($"HTTP {status} {response.ReasonPhrase} from {uri.Host}", status, RetryAfter(response.Headers.RetryAfter));
        }

        if (response.Content.Headers.ContentLength is { } announced && announced > _options.MaxBodyBytes)
        {
            return Outcome.Failed($"the body ({announced:N0} bytes announced) is larger than the {_options.MaxBodyBytes:N0}-byte limit (DealWatch:Sources:MaxBodyBytes); it was not read", status, null);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parsed = await NewsFeedParser.ParseAsync(body, new FeedParseOptions
        {
            Kind = source.Kind,
            BaseUri = response.RequestMessage?.RequestUri ?? uri,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            DefaultLanguage = source.Language,
            SourceName = source.Name,
            MaxBodyBytes = _options.MaxBodyBytes,
        }, cancellationToken).ConfigureAwait(false);
        if (!parsed.Succeeded)
        {
            return Outcome.Failed(parsed.Error!, status, null);
        }

        if (parsed.BodySha256 is not null && parsed.BodySha256 == state.ContentHash)
        {
            // The server ignores validators but sent the same bytes: nothing new.
            return Outcome.NotModified(status, etagHeader, lastModifiedHeader, parsed.BodySha256);
        }

        return new Outcome(SourceReadStatus.Updated, parsed.Stories, null, status, etagHeader, lastModifiedHeader, parsed.BodySha256, null);
    }

    private SourceReadResult Record(NewsSourceOptions source, SourceState state, Outcome outcome)
    {
        var now = time.GetUtcNow();
        state.LastStatus = outcome.Status.ToString();
        state.LastHttpStatus = outcome.HttpStatus;
        if (outcome.Status == SourceReadStatus.Failed)
        {
            state.ConsecutiveFailures++;
            state.LastErrorAt = now;
            state.LastError = outcome.Error;
            var rest = _options.Backoff.After(state.ConsecutiveFailures);
            if (outcome.RetryAfter is { } retryAfter && retryAfter > rest)
            {
                rest = retryAfter < TimeSpan.FromDays(1) ? retryAfter : TimeSpan.FromDays(1);
            }

            state.NextAttemptAt = now + rest;
            Log.SourceFailed(logger, source.Name, outcome.Error!, state.ConsecutiveFailures, state.NextAttemptAt.Value);
            return new SourceReadResult(source.Name, SourceReadStatus.Failed, [], outcome.Error);
        }

        state.ConsecutiveFailures = 0;
        state.NextAttemptAt = null;
        state.LastSuccessAt = now;
        if (outcome.Status == SourceReadStatus.Updated)
        {
            // New content's validators wait for CommitAsync: saved now, a crash before the stories are stored would
            // make the next poll a 304 and lose them.
            state.LastStoryCount = outcome.Stories.Count;
            Log.SourceRead(logger, source.Name, outcome.Stories.Count, outcome.HttpStatus ?? 0);
            return new SourceReadResult(source.Name, outcome.Status, outcome.Stories)
            {
                Validators = new SourceValidators(outcome.ETag, outcome.LastModified, outcome.ContentHash),
            };
        }

        state.ETag = outcome.ETag;
        state.LastModified = outcome.LastModified;
        state.ContentHash = outcome.ContentHash;
        Log.SourceNotModified(logger, source.Name, outcome.HttpStatus ?? 0);
        return new SourceReadResult(source.Name, outcome.Status, outcome.Stories);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static string OneLine(Exception ex)
    {
        var message = ex.InnerException is { } inner && inner.Message.Length > 0 ? $"{ex.Message} ({inner.Message})" : ex.Message;
        return HtmlText.CollapseWhitespace(message);
    }

    private sealed record Outcome(
        SourceReadStatus Status,
        IReadOnlyList<NewsStory> Stories,
        string? Error,
        int? HttpStatus,
        string? ETag,
        string? LastModified,
        string? ContentHash,
        TimeSpan? RetryAfter)
    {
        public static Outcome Failed(string error, int? status, TimeSpan? retryAfter) => new(SourceReadStatus.Failed, [], error, status, null, null, null, retryAfter);

        public static Outcome NotModified(int status, string? etag, string? lastModified, string? contentHash) =>
            new(SourceReadStatus.NotModified, [], null, status, etag, lastModified, contentHash, null);
    }
}
