using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Markets;

/// <summary>The wire format of a quote provider.</summary>
public enum QuoteProviderKind
{
    /// <summary>Chart JSON in the Yahoo v8 shape: <c>GET {BaseUrl}/v8/finance/chart/{symbol}</c>, <c>chart.result[0].meta</c>, <c>timestamp[]</c>, <c>indicators.quote[0].close[]</c>.</summary>
    Chart,
    /// <summary>CSV quotes in the stooq shape: <c>GET {BaseUrl}/q/l/?s={symbol}&amp;f=sd2t2ohlcv&amp;h&amp;e=csv</c> and daily history <c>/q/d/l/?s={symbol}&amp;i=d</c>.</summary>
    Csv,
    /// <summary>TWSE MIS: <c>GET {BaseUrl}/stock/api/getStockInfo.jsp?ex_ch=tse_t00.tw</c>, <c>msgArray[]</c> with last <c>z</c> and previous close <c>y</c>.</summary>
    Twse,
    /// <summary>TAIFEX MIS futures: <c>POST {BaseUrl}/futures/api/getQuoteList</c>, <c>RtData.QuoteList[]</c>, day (MarketType 0) and after-hours (1) sessions.</summary>
    Taifex,
}

/// <summary>
/// Section <c>DealWatch:Markets</c>: the watched symbols (a list, or one comma-separated string) and the
/// providers, tried in the order given for each symbol they can quote (the fallback order).
/// </summary>
public sealed class MarketsOptions
{
    public const string SectionName = "DealWatch:Markets";

    /// <summary>The symbols watched when none are configured.</summary>
    public static IReadOnlyList<string> DefaultSymbols { get; } =
        ["^DJI", "^IXIC", "^GSPC", "^TWII", "TXF", "AMZN", "MSFT", "GOOGL", "META", "ORCL", "NVDA", "AMD", "AVGO", "CRWV", "2330.TW"];

    /// <summary>Our symbols (<c>^DJI</c>, <c>TXF</c>, <c>AMZN</c>, <c>2330.TW</c>).</summary>
    public List<string> Symbols { get; set; } = [];

    /// <summary>The providers in fallback order; empty means the public defaults (chart, twse, taifex, csv).</summary>
    public List<QuoteProviderOptions> Providers { get; set; } = [];

    /// <summary>The User-Agent sent to providers (the chart API refuses requests without one).</summary>
    [Required(ErrorMessage = "DealWatch:Markets:UserAgent is required.")]
    public string UserAgent { get; set; } = "Mozilla/5.0 (compatible; DealWatch/1.0)";

    /// <summary>Time allowed for one request to one provider.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "DealWatch:Markets:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The public endpoints, used when no provider is configured.</summary>
    public static IReadOnlyList<QuoteProviderOptions> DefaultProviders() =>
    [
        new() { Name = "chart", Kind = QuoteProviderKind.Chart, BaseUrl = "https://query1.finance.yahoo.com" },
        new() { Name = "twse", Kind = QuoteProviderKind.Twse, BaseUrl = "https://mis.twse.com.tw" },
        new() { Name = "taifex", Kind = QuoteProviderKind.Taifex, BaseUrl = "https://mis.taifex.com.tw" },
        new() { Name = "csv", Kind = QuoteProviderKind.Csv, BaseUrl = "https://stooq.com" },
    ];

    /// <summary>"A, B" or ["A", "B"]: both read as a list, without blanks or repeats.</summary>
    internal static List<string> ReadSymbols(IConfigurationSection section)
    {
        var raw = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return [.. raw.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>One quote provider.</summary>
public sealed class QuoteProviderOptions
{
    /// <summary>Unique name; it is the <see cref="Quote.Provider"/> of the quotes it gives.</summary>
    [Required, StringLength(40, MinimumLength = 1)]
    public string Name { get; set; } = "";

    /// <summary>The wire format.</summary>
    public QuoteProviderKind Kind { get; set; }

    /// <summary>Scheme, host and optional path prefix (<c>https://query1.finance.yahoo.com</c>, <c>http://127.0.0.1:5123</c>).</summary>
    [Required]
    public string BaseUrl { get; set; } = "";

    /// <summary>False keeps it configured but unused.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// TAIFEX only: <c>POST</c> (the real API: a JSON body) or <c>GET</c> (the same fields as query parameters, for
    /// a static file server such as the demo's, which answers GET only).
    /// </summary>
    [RegularExpression("^(POST|GET)$", ErrorMessage = "A provider's Method must be POST or GET.")]
    public string Method { get; set; } = "POST";

    /// <summary>CSV only: the time zone of the provider's Date and Time columns (stooq writes Warsaw time).</summary>
    public string? TimeZone { get; set; }

    /// <summary>Symbol mappings that override the built-in data for this provider (our symbol → its symbol).</summary>
    public Dictionary<string, string> Symbols { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    internal Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/");
}

/// <summary>Checks the providers (annotations, absolute http/https base URL, unique names) and the symbols.</summary>
internal sealed class MarketsOptionsValidation : IValidateOptions<MarketsOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var provider = options.Providers[i];
            OptionsChecks.Annotations(provider, $"{MarketsOptions.SectionName}:Providers:{i}", failures);
            if (!OptionsChecks.IsHttpUrl(provider.BaseUrl))
            {
                failures.Add($"{MarketsOptions.SectionName}:Providers:{i}:BaseUrl: '{provider.BaseUrl}' is not an absolute http or https URL.");
            }
        }

        failures.AddRange(options.Providers.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{MarketsOptions.SectionName}: the provider name '{g.Key}' is used {g.Count()} times."));
        failures.AddRange(options.Symbols.Where(s => InstrumentCatalog.Default.Find(s) is null)
            .Select(s => $"{MarketsOptions.SectionName}:Symbols: '{s}' is not a known symbol (see Markets/Data/instruments.json) nor a US or Taiwan ticker."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
