namespace DealWatch.Core.Storage;

/// <summary>The base names of the app's tables; <see cref="DealWatchStorage"/> adds the configured prefix.</summary>
public static class TableNames
{
    /// <summary>Per news source: conditional-GET validators and health.</summary>
    public const string Sources = "sources";
    /// <summary>Every story seen, keyed by its id (a hash of the canonical URL).</summary>
    public const string Stories = "stories";
    /// <summary>One row per deal, with every story that reported it.</summary>
    public const string Deals = "deals";
    /// <summary>Market quote snapshots.</summary>
    public const string Quotes = "quotes";
    /// <summary>Alert history: one row per alert, and the cooldown marks of market rules.</summary>
    public const string Alerts = "alerts";
    /// <summary>The idempotency ledger: one row per alert × channel × recipient.</summary>
    public const string Deliveries = "deliveries";
}

/// <summary>
/// The base names of the app's queues. They are also the literal names in the functions' trigger
/// attributes, so they must stay in step with <c>src/DealWatch.Functions</c>.
/// </summary>
public static class QueueNames
{
    public const string Stories = "stories";
    public const string Alerts = "alerts";
    public const string Email = "email";
    public const string Teams = "teams";

    /// <summary>The queues the functions listen on, in pipeline order.</summary>
    public static IReadOnlyList<string> All { get; } = [Stories, Alerts, Email, Teams];

    /// <summary>The poison queue the Functions host moves a message to after its last dequeue.</summary>
    public static string Poison(string queueName) => queueName + "-poison";
}
