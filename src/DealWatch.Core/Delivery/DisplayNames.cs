using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DealWatch.Core.Markets;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Display names of parties, deal types and instruments in English and Traditional Chinese, from the embedded
/// <c>display-names.json</c>. Tickers come from <see cref="PartyTickers"/>, the one list the market rules use too.
/// </summary>
/// <remarks>
/// A party id names the parent that signs (the spec maps AWS to <c>amazon</c>), but a reader knows the cloud by its
/// brand: a party that is the <em>provider</em> of a deal is shown by its provider brand when it has one
/// (<c>amazon</c> → "AWS", <c>google</c> → "Google Cloud"), and by its company name otherwise ("Amazon" buying chips).
/// An id not in the list is a slug of the English name and is title-cased ("halden-compute" → "Halden Compute");
/// an id that is a Chinese name is shown as it is.
/// </remarks>
internal static class DisplayNames
{
    private static readonly Names Data = Load();

    /// <summary>The party's name in the language, as the provider side of a deal when <paramref name="asProvider"/>.</summary>
    public static string Party(string partyId, RenderLanguage language, bool asProvider = false)
    {
        ArgumentNullException.ThrowIfNull(partyId);
        var id = partyId.Trim();
        if (Data.Parties.TryGetValue(id, out var party))
        {
            return language == RenderLanguage.ZhHant
                ? (asProvider ? party.ProviderZh : null) ?? party.Zh ?? party.En
                : (asProvider ? party.ProviderEn : null) ?? party.En;
        }

        return TitleCase(id);
    }

    /// <summary>The party's listed ticker, if any.</summary>
    public static string? Ticker(string partyId) => PartyTickers.Of(partyId.Trim());

    /// <summary>The party whose ticker this is, if known (AMZN → amazon).</summary>
    public static string? PartyOfTicker(string symbol) =>
        PartyTickers.All.FirstOrDefault(p => string.Equals(p.Value, symbol, StringComparison.OrdinalIgnoreCase)).Key;

    /// <summary>The deal type's label, or the raw value when unknown.</summary>
    public static string DealType(string dealType, RenderLanguage language) =>
        Data.DealTypes.TryGetValue(dealType.Trim(), out var label)
            ? (language == RenderLanguage.ZhHant ? label.Zh ?? label.En : label.En)
            : dealType.Trim();

    /// <summary>A short name for an index or futures contract, or null when the symbol has none.</summary>
    public static string? Instrument(string symbol, RenderLanguage language) =>
        Data.Instruments.TryGetValue(symbol, out var label)
            ? (language == RenderLanguage.ZhHant ? label.Zh ?? label.En : label.En)
            : null;

    /// <summary>"halden-compute" → "Halden Compute"; ids with non-ASCII letters (Chinese names) are kept as they are.</summary>
    internal static string TitleCase(string id)
    {
        if (id.Length == 0 || id.Any(c => c > 127))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length);
        foreach (var word in id.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
        }

        return builder.Length == 0 ? id : builder.ToString();
    }

    private static Names Load()
    {
        using var stream = typeof(DisplayNames).Assembly.GetManifestResourceStream("DealWatch.Core.Delivery.display-names.json")
            ?? throw new InvalidOperationException("The embedded resource display-names.json is missing.");
        var names = JsonSerializer.Deserialize<Names>(stream) ?? throw new InvalidOperationException("display-names.json is empty.");
        return new Names
        {
            Parties = names.Parties.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            DealTypes = names.DealTypes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Instruments = names.Instruments.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
        };
    }

    private sealed record Names
    {
        [JsonPropertyName("parties")] public IReadOnlyDictionary<string, PartyName> Parties { get; init; } = new Dictionary<string, PartyName>();
        [JsonPropertyName("dealTypes")] public IReadOnlyDictionary<string, Label> DealTypes { get; init; } = new Dictionary<string, Label>();
        [JsonPropertyName("instruments")] public IReadOnlyDictionary<string, Label> Instruments { get; init; } = new Dictionary<string, Label>();
    }

    private sealed record PartyName(
        [property: JsonPropertyName("en")] string En,
        [property: JsonPropertyName("zh")] string? Zh,
        [property: JsonPropertyName("providerEn")] string? ProviderEn,
        [property: JsonPropertyName("providerZh")] string? ProviderZh);

    private sealed record Label(
        [property: JsonPropertyName("en")] string En,
        [property: JsonPropertyName("zh")] string? Zh);
}
