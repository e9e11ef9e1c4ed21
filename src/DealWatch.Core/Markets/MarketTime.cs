namespace DealWatch.Core.Markets;

/// <summary>A market's local time: its zone by IANA id, and the calendar date there at an instant.</summary>
internal static class MarketTime
{
    /// <summary>The zone of <paramref name="id"/> (<c>America/New_York</c>, <c>Asia/Taipei</c>); UTC when this machine does not know it.</summary>
    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The calendar date at <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DateAt(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The calendar date at <paramref name="at"/> in the zone of <paramref name="zoneId"/>.</summary>
    public static DateOnly DateAt(DateTimeOffset at, string zoneId) => DateAt(at, Zone(zoneId));
}
