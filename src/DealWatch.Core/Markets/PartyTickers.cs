using System.Collections.Frozen;
using System.Text.Json;

namespace DealWatch.Core.Markets;

/// <summary>The listed share of a deal party (amazon → AMZN), from the embedded <c>party-tickers.json</c>.</summary>
public static class PartyTickers
{
    private static readonly FrozenDictionary<string, string> Tickers = Load();

    /// <summary>The party's ticker in our symbols, or null when it is not listed (or not known to be).</summary>
    public static string? Of(string partyId) => Tickers.GetValueOrDefault(partyId);

    /// <summary>Every party with a ticker.</summary>
    public static IReadOnlyDictionary<string, string> All => Tickers;

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(PartyTickers).Assembly.GetManifestResourceStream("DealWatch.Core.Markets.party-tickers.json")
            ?? throw new InvalidOperationException("The embedded resource party-tickers.json is missing.");
        return (JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
