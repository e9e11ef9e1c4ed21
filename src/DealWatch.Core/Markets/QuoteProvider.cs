using System.Globalization;
using System.Text.Json;
using DealWatch.Core.Sources;

namespace DealWatch.Core.Markets;

/// <summary>A provider could not give this quote; the message is one line ("HTTP 500 from host", "no trade yet").</summary>
internal sealed class QuoteUnavailableException(string message) : Exception(message);

/// <summary>One configured provider: its wire format, base URL, and symbol mapping.</summary>
internal abstract class QuoteProvider(QuoteProviderOptions options, IHttpClientFactory httpClients, MarketsOptions markets, TimeProvider time)
{
    public const string HttpClientName = "DealWatch.Markets";
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    protected QuoteProviderOptions Options { get; } = options;

    protected TimeProvider Time { get; } = time;

    public string Name => Options.Name;

    public QuoteProviderKind Kind => Options.Kind;

    /// <summary>True when the provider can give daily closes.</summary>
    public virtual bool OffersDailyCloses => false;

    /// <summary>This provider's symbol for the instrument (configured override first, then the built-in data), or null.</summary>
    public string? SymbolFor(Instrument instrument) =>
        Options.Symbols.TryGetValue(instrument.Symbol, out var mapped) ? mapped : instrument.SymbolFor(Kind);

    /// <exception cref="QuoteUnavailableException">The provider could not quote it.</exception>
    public abstract Task<Quote> GetQuoteAsync(Instrument instrument, CancellationToken cancellationToken);

    /// <exception cref="QuoteUnavailableException">The provider could not give them.</exception>
    public virtual Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(Instrument instrument, DateOnly from, CancellationToken cancellationToken) =>
        throw new QuoteUnavailableException("daily closes are not offered");

    protected Uri Endpoint(string relative) => new(Options.BaseUri, relative);

    /// <summary>Sends the request within the configured timeout, checks the status, and returns the body (at most 4 MiB).</summary>
    /// <exception cref="QuoteUnavailableException">Timeout, transport error, non-success status or oversize body.</exception>
    protected async Task<byte[]> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", markets.UserAgent);
        using var timeout = new CancellationTokenSource(markets.Timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var host = request.RequestUri?.Host ?? "?";
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new QuoteUnavailableException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {host}");
            }

            await using var body = new BoundedReadStream(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), MaxBodyBytes);
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, linked.Token).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (BodyTooLargeException)
        {
            throw new QuoteUnavailableException($"the answer from {host} is larger than {MaxBodyBytes:N0} bytes");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new QuoteUnavailableException($"{host} did not answer within {markets.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            throw new QuoteUnavailableException($"{host} did not answer in time");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new QuoteUnavailableException($"{host} failed too often lately (circuit open)");
        }
        catch (HttpRequestException ex)
        {
            throw new QuoteUnavailableException($"request to {host} failed: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new QuoteUnavailableException($"the connection to {host} broke: {ex.Message}");
        }
    }

    protected async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new QuoteUnavailableException($"the answer from {request.RequestUri?.Host} is not JSON: {ex.Message.Split('\n')[0]}");
        }
    }

    protected static decimal? Number(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String => ParseNumber(value.GetString()),
            _ => null,
        };
    }

    /// <summary>"28,320.60" → 28320.60; "-", "", "N/D" → null.</summary>
    protected static decimal? ParseNumber(string? text)
    {
        text = text?.Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    protected static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    protected static DateTimeOffset AtLocal(DateTime local, TimeZoneInfo zone) =>
        new DateTimeOffset(local, zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified))).ToUniversalTime();
}
