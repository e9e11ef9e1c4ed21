using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace DealWatch.Core.Rules;

/// <summary>
/// Who gets which alerts: section <c>DealWatch:Subscriptions</c>, a list. Each subscription names its
/// channels (email recipients, Teams webhook names), its language and its rules.
/// </summary>
public sealed class SubscriptionsOptions
{
    public const string SectionName = "DealWatch:Subscriptions";

    public List<SubscriptionOptions> Items { get; } = [];
}

public sealed class SubscriptionOptions : IValidatableObject
{
    /// <summary>Unique name: lower-case letters, digits and hyphens (it becomes part of alert ids).</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,31}$", ErrorMessage = "A subscription's Name must be 1-32 lower-case letters, digits or hyphens.")]
    public string Name { get; set; } = "";

    /// <summary><c>en</c> or <c>zh-Hant</c>: the language of its alerts.</summary>
    [Required, RegularExpression("^(en|zh-Hant)$", ErrorMessage = "A subscription's Language must be 'en' or 'zh-Hant'.")]
    public string Language { get; set; } = "en";

    /// <summary>Email recipients.</summary>
    public List<string> Email { get; set; } = [];

    /// <summary>Names of Teams webhooks (their URLs are configured as secrets under <c>DealWatch:Teams:Webhooks</c>).</summary>
    public List<string> Teams { get; set; } = [];

    /// <summary>The rule for deals.</summary>
    public DealRuleOptions Deals { get; set; } = new();

    /// <summary>Index, futures and share moves against the previous close.</summary>
    public List<MoveRuleOptions> Moves { get; set; } = [];

    /// <summary>A party's share moving after its deal.</summary>
    public ReactionRuleOptions? Reaction { get; set; }

    /// <summary>Hours in which alerts are held for the digest instead of sent, in <see cref="TimeZone"/>: "22:00-07:00".</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$", ErrorMessage = "QuietHours must look like 22:00-07:00.")]
    public string? QuietHours { get; set; }

    /// <summary>IANA time zone for quiet hours and the digest (<c>Asia/Taipei</c>, <c>America/New_York</c>).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Local time at which the daily digest email of the day's deals (and held alerts) goes out; null for none.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$", ErrorMessage = "DigestAt must look like 07:30.")]
    public string? DigestAt { get; set; }

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Email.Count == 0 && Teams.Count == 0)
        {
            yield return new ValidationResult($"Subscription '{Name}' has no channel: give it Email recipients or Teams webhook names.");
        }

        foreach (var address in Email)
        {
            if (!new EmailAddressAttribute().IsValid(address))
            {
                yield return new ValidationResult($"Subscription '{Name}': '{address}' is not an email address.");
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Subscription '{Name}': TimeZone '{TimeZone}' is not a known time zone.");
        }

        foreach (var result in Moves.SelectMany(m => m.Validate(Name)))
        {
            yield return result;
        }

        if (Reaction is { } reaction && (reaction.Percent <= 0 || reaction.TradingDays is < 1 or > 20))
        {
            yield return new ValidationResult($"Subscription '{Name}': Reaction needs Percent > 0 and TradingDays between 1 and 20.");
        }
    }

    /// <summary>True when <paramref name="instant"/> falls in this subscription's quiet hours.</summary>
    public bool IsQuiet(DateTimeOffset instant)
    {
        if (QuietHours is null)
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
        var from = TimeOnly.Parse(QuietHours[..5], CultureInfo.InvariantCulture);
        var to = TimeOnly.Parse(QuietHours[6..], CultureInfo.InvariantCulture);
        return from <= to ? local >= from && local < to : local >= from || local < to;
    }
}

/// <summary>Which deals a subscription is told about.</summary>
public sealed class DealRuleOptions
{
    /// <summary>Off switch.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minimum deal value in USD; a deal whose value is not known qualifies only when <see cref="IncludeUnknownAmount"/>.</summary>
    [Range(0, double.MaxValue)]
    public decimal MinAmountUsd { get; set; }

    /// <summary>Alert on deals whose value no story has given yet.</summary>
    public bool IncludeUnknownAmount { get; set; }

    /// <summary>Party ids to watch; empty watches everyone.</summary>
    public List<string> Parties { get; set; } = [];

    /// <summary>Deal types to watch (<c>cloud-capacity</c>, <c>chip-supply</c>, ...); empty watches all.</summary>
    public List<string> DealTypes { get; set; } = [];

    /// <summary>Story languages that count (<c>en</c>, <c>zh-Hant</c>); empty counts all.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Minimum classifier confidence of at least one story of the deal.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;
}

/// <summary>An index, futures or share move against the previous close.</summary>
public sealed class MoveRuleOptions
{
    /// <summary>Our symbols (<c>^DJI</c>, <c>TXF</c>, <c>AMZN</c>).</summary>
    public List<string> Symbols { get; set; } = [];

    /// <summary>Trip when the absolute change in percent reaches this; null to use points only.</summary>
    public decimal? Percent { get; set; }

    /// <summary>Trip when the absolute change in points reaches this; null to use percent only.</summary>
    public decimal? Points { get; set; }

    /// <summary>Sessions that count; empty counts all (Regular, AfterHours, PreMarket).</summary>
    public List<Markets.MarketSession> Sessions { get; set; } = [];

    /// <summary>After an alert for a symbol, no other alert for it within this time (one move, one alert).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(6);

    internal IEnumerable<ValidationResult> Validate(string subscription)
    {
        if (Symbols.Count == 0)
        {
            yield return new ValidationResult($"Subscription '{subscription}': a move rule needs Symbols.");
        }

        if (Percent is null && Points is null || Percent <= 0 || Points <= 0)
        {
            yield return new ValidationResult($"Subscription '{subscription}': a move rule needs a positive Percent or Points.");
        }
    }
}

/// <summary>A deal party's share moving by <see cref="Percent"/> within <see cref="TradingDays"/> of its deal.</summary>
public sealed class ReactionRuleOptions
{
    public decimal Percent { get; set; } = 5;

    public int TradingDays { get; set; } = 3;
}
