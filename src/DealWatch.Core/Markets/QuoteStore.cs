using System.Globalization;
using Azure.Data.Tables;
using DealWatch.Core.Storage;

namespace DealWatch.Core.Markets;

/// <summary>
/// The <c>quotes</c> table. Partition: the symbol (made key-safe); row key: the quote's time as inverted ticks,
/// so a partition reads newest first. Prices are kept as invariant strings, since tables have no decimal type.
/// </summary>
internal sealed class QuoteStore(DealWatchStorage storage) : IQuoteStore
{
    private const int MaxBatch = 100;

    public async Task SaveAsync(IReadOnlyCollection<Quote> quotes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        if (quotes.Count == 0)
        {
            return;
        }

        var table = await storage.TableAsync(TableNames.Quotes, cancellationToken).ConfigureAwait(false);
        foreach (var partition in quotes.GroupBy(q => PartitionOf(q.Symbol)))
        {
            var rows = partition.GroupBy(q => RowKeyOf(q.AsOf)).Select(g => g.Last()).ToList();
            foreach (var chunk in rows.Chunk(MaxBatch))
            {
                var actions = chunk.Select(q => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(q)));
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<Quote?> GetLatestAsync(string symbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var table = await storage.TableAsync(TableNames.Quotes, cancellationToken).ConfigureAwait(false);
        var partition = PartitionOf(symbol);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return FromEntity(entity);
        }

        return null;
    }

    public async Task<IReadOnlyList<Quote>> GetHistoryAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var table = await storage.TableAsync(TableNames.Quotes, cancellationToken).ConfigureAwait(false);
        var partition = PartitionOf(symbol);
        var upTo = RowKeyOf(since);
        var quotes = new List<Quote>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(upTo) <= 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            quotes.Add(FromEntity(entity));
        }

        quotes.Reverse();
        return quotes;
    }

    internal static string PartitionOf(string symbol) => Rules.MarketRules.KeySafe(symbol.Trim().ToUpperInvariant());

    internal static string RowKeyOf(DateTimeOffset asOf) => (DateTimeOffset.MaxValue.UtcTicks - asOf.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(Quote quote) => new(PartitionOf(quote.Symbol), RowKeyOf(quote.AsOf))
    {
        ["Symbol"] = quote.Symbol,
        ["Name"] = quote.Name,
        ["Kind"] = quote.Kind.ToString(),
        ["Price"] = quote.Price.ToString(CultureInfo.InvariantCulture),
        ["PreviousClose"] = quote.PreviousClose.ToString(CultureInfo.InvariantCulture),
        ["Change"] = (double)quote.Change,
        ["ChangePercent"] = (double)quote.ChangePercent,
        ["Currency"] = quote.Currency,
        ["AsOf"] = quote.AsOf,
        ["TimeZone"] = quote.TimeZone,
        ["Session"] = quote.Session.ToString(),
        ["Provider"] = quote.Provider,
    };

    private static Quote FromEntity(TableEntity entity) => new(
        entity.GetString("Symbol"),
        entity.GetString("Name"),
        Enum.Parse<InstrumentKind>(entity.GetString("Kind")),
        decimal.Parse(entity.GetString("Price"), CultureInfo.InvariantCulture),
        decimal.Parse(entity.GetString("PreviousClose"), CultureInfo.InvariantCulture),
        entity.GetString("Currency"),
        entity.GetDateTimeOffset("AsOf") ?? DateTimeOffset.MinValue,
        entity.GetString("TimeZone"),
        Enum.Parse<MarketSession>(entity.GetString("Session")),
        entity.GetString("Provider"));
}
