using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DealWatch.Core.Sources;

/// <summary>
/// Parses the dates feeds write: RFC 822/1123 with named or numeric zones (<c>GMT</c>, <c>EST</c>, <c>PDT</c>,
/// <c>+0800</c>, <c>GMT+8</c>), ISO 8601 / RFC 3339 (with or without seconds, fractions, the <c>T</c>, or the
/// zone), and common broken forms (no day name or a wrong one, two-digit years, full or dotted month names,
/// US "November 3, 2025 2:05 PM EST"). The result is in UTC; null when absent or unparseable, never "now".
/// A date without a zone is taken as UTC. Zone names are data (<c>Data/time-zones.json</c>), with per-language
/// overrides (CST is UTC+8 in Chinese-language feeds).
/// </summary>
internal static partial class FeedDates
{
    private static readonly ZoneTable Zones = ZoneTable.Load();

    private static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The instant in UTC, or null.</summary>
    /// <param name="text">The date as the feed wrote it.</param>
    /// <param name="language">The feed's language (a zone name can mean different zones in different languages).</param>
    public static DateTimeOffset? Parse(string? text, string? language = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = HtmlText.CollapseWhitespace(text);
        if (trimmed.Length > 80)
        {
            return null;
        }

        return ParseIso(trimmed) ?? ParseRfc822(trimmed, language) ?? ParseUs(trimmed, language);
    }

    private static DateTimeOffset? ParseIso(string text)
    {
        var m = IsoRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var fraction = m.Groups["f"].Success ? double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        var offset = TimeSpan.Zero;
        if (m.Groups["z"].Success && m.Groups["z"].Value is not ("Z" or "z"))
        {
            if (ParseNumericOffset(m.Groups["z"].Value) is not { } numeric)
            {
                return null;
            }

            offset = numeric;
        }

        return Build(Int(m, "y"), Int(m, "mo"), Int(m, "d"), IntOr(m, "h"), IntOr(m, "mi"), IntOr(m, "s"), fraction, offset);
    }

    private static DateTimeOffset? ParseRfc822(string text, string? language)
    {
        var m = Rfc822Regex().Match(text);
        if (!m.Success || !Months.TryGetValue(MonthKey(m.Groups["mon"].Value), out var month))
        {
            return null;
        }

        return FromParts(m, month, language);
    }

    private static DateTimeOffset? ParseUs(string text, string? language)
    {
        var m = UsRegex().Match(text);
        if (!m.Success || !Months.TryGetValue(MonthKey(m.Groups["mon"].Value), out var month))
        {
            return null;
        }

        return FromParts(m, month, language);
    }

    private static DateTimeOffset? FromParts(Match m, int month, string? language)
    {
        var year = Int(m, "y");
        if (m.Groups["y"].Value.Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }
        else if (m.Groups["y"].Value.Length == 3)
        {
            return null;
        }

        var hour = IntOr(m, "h");
        if (m.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            var pm = m.Groups["ampm"].Value.StartsWith('p') || m.Groups["ampm"].Value.StartsWith('P');
            hour = hour % 12 + (pm ? 12 : 0);
        }

        var offset = TimeSpan.Zero;
        if (m.Groups["zone"].Success)
        {
            if (Zone(m.Groups["zone"].Value, language) is not { } zone)
            {
                return null;
            }

            offset = zone;
        }

        return Build(year, month, Int(m, "d"), hour, IntOr(m, "mi"), IntOr(m, "s"), 0, offset);
    }

    private static TimeSpan? Zone(string zone, string? language)
    {
        zone = zone.Replace(" ", "", StringComparison.Ordinal);
        if (zone[0] is '+' or '-')
        {
            return ParseNumericOffset(zone);
        }

        // "GMT+8", "UTC-05:00", "GMT+0800": a named base plus a numeric offset.
        var sign = zone.AsSpan().IndexOfAny('+', '-');
        if (sign > 0)
        {
            return Zones.Find(zone[..sign], language) is { } named && ParseNumericOffset(zone[sign..]) is { } extra ? named + extra : null;
        }

        return Zones.Find(zone, language);
    }

    private static TimeSpan? ParseNumericOffset(string text)
    {
        var m = OffsetRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var digits = m.Groups["h"].Value;
        int hours, minutes;
        if (m.Groups["m"].Success)
        {
            hours = int.Parse(digits, CultureInfo.InvariantCulture);
            minutes = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        }
        else if (digits.Length <= 2)
        {
            hours = int.Parse(digits, CultureInfo.InvariantCulture);
            minutes = 0;
        }
        else
        {
            // "+800" or "+0800"
            hours = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
            minutes = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        }

        if (hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return m.Groups["sign"].Value == "-" ? -offset : offset;
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, double fraction, TimeSpan offset)
    {
        if (year is < 1970 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0)))
        {
            return null;
        }

        // 24:00 is the end of the day; a leap second reads as the next second.
        var extra = TimeSpan.Zero;
        if (hour == 24)
        {
            hour = 0;
            extra = TimeSpan.FromDays(1);
        }

        if (second == 60)
        {
            second = 59;
            extra += TimeSpan.FromSeconds(1);
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks((long)(fraction * TimeSpan.TicksPerSecond)) + extra;
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static string MonthKey(string month) => month.Length > 4 && !month.StartsWith("sept", StringComparison.OrdinalIgnoreCase) ? month[..3] : month;

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int IntOr(Match m, string group) => m.Groups[group].Success ? Int(m, group) : 0;

    // 2025-11-03T14:05:00Z, 2025-11-03 14:05:00.123+08:00, 2025-11-03T14:05+0800, 2025-11-03, 20251103T140500Z
    [GeneratedRegex(@"^(?<y>\d{4})-?(?<mo>\d{2})-?(?<d>\d{2})(?:[T\s]+(?<h>\d{2}):?(?<mi>\d{2})(?::?(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?\s*(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoRegex();

    // [Mon[day][,]] 3 Nov[ember][.] 2025 [14:05[:00] [PM]] [GMT|+0800|GMT+8|EST]
    [GeneratedRegex(@"^(?:[A-Za-z]{2,9}\.?,?\s*)?(?<d>\d{1,2})[\s-]+(?<mon>[A-Za-z]{3,9})\.?,?[\s-]+(?<y>\d{2,4})(?:[\sT,]+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?\s*(?<ampm>[AaPp]\.?[Mm]\.?)?)?(?:\s*(?<zone>(?:[A-Za-z]{1,5})?\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}))?\s*(?:\([^)]*\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822Regex();

    // [Monday,] November 3, 2025 [2:05[:00] PM] [EST]  and  Nov 3 2025 14:05:00 GMT
    [GeneratedRegex(@"^(?:[A-Za-z]{2,9},?\s+)?(?<mon>[A-Za-z]{3,9})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?:,?\s+(?:at\s+)?(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<ampm>[AaPp]\.?[Mm]\.?)?)?(?:\s*(?<zone>(?:[A-Za-z]{1,5})?\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsRegex();

    [GeneratedRegex(@"^(?<sign>[+-])(?<h>\d{1,4})(?::(?<m>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetRegex();

    private sealed class ZoneTable(FrozenDictionary<string, TimeSpan> zones, FrozenDictionary<string, FrozenDictionary<string, TimeSpan>> byLanguage)
    {
        public TimeSpan? Find(string name, string? language)
        {
            if (language is { Length: >= 2 } && byLanguage.TryGetValue(language[..2], out var overrides) && overrides.TryGetValue(name, out var local))
            {
                return local;
            }

            return zones.TryGetValue(name, out var offset) ? offset : null;
        }

        public static ZoneTable Load()
        {
            var data = EmbeddedData.Load<ZoneData>("Sources.Data.time-zones.json");
            return new ZoneTable(
                data.Zones.ToFrozenDictionary(p => p.Key, p => ParseOffset(p.Value), StringComparer.OrdinalIgnoreCase),
                data.ByLanguage.ToFrozenDictionary(
                    l => l.Key,
                    l => l.Value.ToFrozenDictionary(p => p.Key, p => ParseOffset(p.Value), StringComparer.OrdinalIgnoreCase),
                    StringComparer.OrdinalIgnoreCase));
        }

        private static TimeSpan ParseOffset(string value) =>
            ParseNumericOffset(value) ?? throw new InvalidOperationException($"time-zones.json: '{value}' is not an offset such as +08:00.");
    }

    private sealed record ZoneData(Dictionary<string, string> Zones, Dictionary<string, Dictionary<string, string>> ByLanguage);
}

/// <summary>Reads the JSON data files embedded in the Core assembly.</summary>
internal static class EmbeddedData
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Deserializes the embedded resource <c>DealWatch.Core.{name}</c>.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing or empty.</exception>
    public static T Load<T>(string name)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream("DealWatch.Core." + name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"The embedded resource {name} is empty.");
    }
}
