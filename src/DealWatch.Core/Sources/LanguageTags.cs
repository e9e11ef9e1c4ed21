namespace DealWatch.Core.Sources;

/// <summary>
/// Normalises the language tags feeds write (<c>en-US</c>, <c>zh-TW</c>, <c>zh_tw</c>, <c>zh-hant</c>) to the
/// tags the pipeline routes on: the primary language alone (<c>en</c>, <c>ja</c>), except Chinese, which keeps
/// its script (<c>zh-Hant</c> for Taiwan, Hong Kong and Macau; <c>zh-Hans</c> for the mainland and Singapore).
/// </summary>
internal static class LanguageTags
{
    public static string? Normalize(string? tag, string? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return fallback;
        }

        var parts = tag.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
        {
            return fallback;
        }

        var primary = parts[0].ToLowerInvariant();
        if (primary != "zh")
        {
            return primary;
        }

        foreach (var part in parts.Skip(1).Select(p => p.ToLowerInvariant()))
        {
            switch (part)
            {
                case "hant" or "tw" or "hk" or "mo":
                    return "zh-Hant";
                case "hans" or "cn" or "sg":
                    return "zh-Hans";
            }
        }

        // Bare "zh": trust the source's configured default when it names a script.
        return fallback is not null && fallback.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? fallback : "zh";
    }
}
