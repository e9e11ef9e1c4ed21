using System.Buffers;
using System.Runtime.InteropServices;

namespace DealWatch.Core.Classification;

/// <summary>A number found in a story, with where it was and how strongly its context ties it to the deal.</summary>
internal readonly record struct QuantityMention(int Start, int End, double Value, double Score);

/// <summary>Durations ("seven-year", "for 15 years", "為期7年", "五年期") and capacities ("6 GW", "500 megawatts", "10吉瓦", "300MW").</summary>
internal static class QuantityParser
{
    private static readonly (string Word, int Value)[] NumberWords =
    [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10),
        ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17),
        ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("twenty-five", 25), ("thirty", 30), ("a", 1), ("an", 1),
    ];

    private static readonly string[] YearAdjectives = ["-year", "-yr", " year ", "-years"];
    private static readonly string[] PluralYears = [" years", " yrs"];
    private static readonly string[] BeforePlural = ["for ", "over ", "of ", "next ", "about ", "roughly ", "around ", "some ", "nearly ", "lasting ", "term of "];
    private static readonly string[] AfterPluralExcluded = [" ago", " old", " earlier", " later", " since"];
    private static readonly string[] DurationPenalties = ["commitments", "tally", "relationship", "goes back", "history", "trillion"];
    private static readonly string[] ChineseDurationLead = ["為期約", "為期", "未來", "期限"];
    private static readonly string[] ChineseDurationBlockedBefore = ["過去", "近", "前", "這", "去", "第", "每"];

    private static readonly (string Unit, double ToGw)[] CapacityUnits =
    [
        ("gigawatts", 1), ("gigawatt", 1), ("gw", 1), ("吉瓦", 1), ("megawatts", 0.001), ("megawatt", 0.001), ("mw", 0.001), ("百萬瓦", 0.001), ("兆瓦", 0.001),
    ];

    /// <summary>
    /// Every duration form has "year", "yr" or 年, and every capacity unit "gw", "mw", "watt" or 瓦: a story without them is not
    /// scanned. (ASCII-only search values stay vectorised; the CJK character is looked for on its own.)
    /// </summary>
    private static readonly SearchValues<string> DurationMarkers = SearchValues.Create(["year", "yr", "month"], StringComparison.Ordinal);
    private static readonly SearchValues<string> CapacityMarkers = SearchValues.Create(["gw", "mw", "watt"], StringComparison.Ordinal);

    /// <summary>Where a duration's number can start: a digit, a Chinese numeral, the first letter of a number word.</summary>
    private static readonly SearchValues<char> DurationNumberStarts = SearchValues.Create("0123456789一二兩三四五六七八九十otfsen");

    private static readonly string[] CapacityBlockedBefore = ["first ", "the first ", "首批", "首期", "第一期", "initial ", "another "];

    /// <summary>The duration of the deal in years, or null: the best-placed mention (next to a deal word, in the title).</summary>
    public static double? FindDurationYears(StoryDocument document, List<TermHit> hits)
    {
        var lower = document.Lower;
        if (!lower.Contains('年') && !lower.Contains("個月", StringComparison.Ordinal) && lower.AsSpan().IndexOfAny(DurationMarkers) < 0) return null;
        var best = default(QuantityMention);
        var found = false;
        for (var i = 0; i < lower.Length; i++)
        {
            var skip = lower.AsSpan(i).IndexOfAny(DurationNumberStarts);
            if (skip < 0) break;
            i += skip;
            if (i > 0 && StoryDocument.IsWordChar(lower[i]) && StoryDocument.IsWordChar(lower[i - 1]))
            {
                // Inside a word ("cloud", "h100") no number starts: go to its end.
                while (i + 1 < lower.Length && StoryDocument.IsWordChar(lower[i + 1])) i++;
                continue;
            }
            if (!TryReadSmallNumber(lower, i, out var value, out var numberEnd)) continue;
            var months = false;
            double score;
            int end;
            if (TryYearAfterNumber(lower, numberEnd, out var adjective, out end))
            {
                if (!adjective)
                {
                    if (!StoryDocument.Preceded(lower, i, BeforePlural) || StoryDocument.FollowedBy(lower, end, AfterPluralExcluded)) { i = numberEnd - 1; continue; }
                }
                else if (string.CompareOrdinal(lower, end, "-old", 0, 4) == 0)
                {
                    i = numberEnd - 1;
                    continue;
                }
                score = adjective ? 0.5 : 0;
                if (DealWordWithin(hits, end, 32)) score += 2;
            }
            else if (TryChineseYear(document.Text, i, numberEnd, out end, out var strong))
            {
                score = strong ? 2.5 : 0.5;
                if (DealWordWithin(hits, end, 6)) score += 1.5;
            }
            else if (TryMonthsAfterNumber(lower, numberEnd, out end))
            {
                // "18-month reservation", "為期18個月": a term in months, given in years (1.5).
                if (value is < 1 or > 600) { i = end - 1; continue; }
                value = Math.Round(value / 12, 2);
                months = true;
                score = 0.5;
                if (DealWordWithin(hits, end, 32)) score += 2;
            }
            else
            {
                i = numberEnd - 1;
                continue;
            }

            if (!months && value is < 1 or > 50) { i = end - 1; continue; }
            if (document.InTitle(i)) score += 1;
            if (PenaltyWithin(lower, i, 48)) score -= 3;
            if (!found || score > best.Score)
            {
                best = new QuantityMention(i, end, value, score);
                found = true;
            }
            i = end - 1;
        }
        return found && best.Score >= 0 ? best.Value : null;
    }

    /// <summary>The deal's capacity in gigawatts, or null: the first stated in the title, else in the summary, skipping "first 100 MW" phases.</summary>
    public static double? FindCapacityGw(StoryDocument document)
    {
        var lower = document.Lower;
        if (!lower.Contains('瓦') && lower.AsSpan().IndexOfAny(CapacityMarkers) < 0) return null;
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            if (!StoryDocument.IsDigit(c) && (c is not ('o' or 'a' or 't' or 'f' or 's' or 'e' or 'n' or 'w'))) continue;
            if (i > 0 && (StoryDocument.IsWordChar(lower[i - 1]) || lower[i - 1] == '.')) continue;
            double number;
            int j;
            if (StoryDocument.IsDigit(c))
            {
                j = i;
                while (j < lower.Length && (StoryDocument.IsDigit(lower[j]) || (lower[j] is '.' or ',' && j + 1 < lower.Length && StoryDocument.IsDigit(lower[j + 1])))) j++;
                if (!double.TryParse(lower.AsSpan(i, j - i), System.Globalization.NumberStyles.Float | System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out number)) continue;
            }
            else
            {
                if (!TryReadSmallNumber(lower, i, out var small, out j, allowArticle: true)) continue;
                number = small;
            }

            var k = j;
            if (k < lower.Length && lower[k] is ' ' or '-') k++;
            foreach (var (unit, toGw) in CapacityUnits)
            {
                if (k >= lower.Length || lower[k] != unit[0]) continue;
                if (string.CompareOrdinal(lower, k, unit, 0, unit.Length) != 0) continue;
                var after = k + unit.Length;
                if (StoryDocument.IsAsciiLetter(unit[0]) && after < lower.Length && StoryDocument.IsAsciiLetter(lower[after])) continue;
                if (StoryDocument.Preceded(lower, i, CapacityBlockedBefore)) break;
                return Math.Round(number * toGw, 6);
            }
            i = j - 1 < i ? i : j - 1;
        }
        return null;
    }

    private static bool TryReadSmallNumber(string lower, int i, out double value, out int end, bool allowArticle = false)
    {
        value = 0;
        end = i;
        var latin = StoryDocument.IsWordChar(lower[i]);
        if (latin && i > 0 && StoryDocument.IsWordChar(lower[i - 1])) return false;
        if (StoryDocument.IsDigit(lower[i]))
        {
            var j = i;
            while (j < lower.Length && StoryDocument.IsDigit(lower[j])) j++;
            if (j - i > 4 || (j < lower.Length && lower[j] == '.' && j + 1 < lower.Length && StoryDocument.IsDigit(lower[j + 1]))) return false;
            value = int.Parse(lower.AsSpan(i, j - i), System.Globalization.CultureInfo.InvariantCulture);
            end = j;
            return true;
        }
        if (!StoryDocument.IsAsciiLetter(lower[i]))
        {
            var chinese = ChineseSmallNumber(lower, i, out var chineseEnd);
            if (chinese <= 0) return false;
            value = chinese;
            end = chineseEnd;
            return true;
        }
        if ("otfsenaw".IndexOf(lower[i]) < 0) return false;
        foreach (var (word, number) in NumberWords)
        {
            if (word[0] != lower[i] || (!allowArticle && word is "a" or "an")) continue;
            if (string.CompareOrdinal(lower, i, word, 0, word.Length) != 0) continue;
            var after = i + word.Length;
            if (after < lower.Length && StoryDocument.IsAsciiLetter(lower[after])) continue;
            value = number;
            end = after;
            return true;
        }
        return false;
    }

    /// <summary>一 to 九十九 (十五, 二十, 五), as used for years.</summary>
    private static int ChineseSmallNumber(string text, int i, out int end)
    {
        end = i;
        var value = 0;
        var current = 0;
        var j = i;
        while (j < text.Length)
        {
            var d = text[j] switch { '一' => 1, '二' or '兩' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, '十' => 10, _ => -1 };
            if (d < 0) break;
            if (d == 10)
            {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else
            {
                current = d;
            }
            j++;
        }
        if (j == i) return 0;
        end = j;
        return value + current;
    }

    private static bool TryYearAfterNumber(string lower, int numberEnd, out bool adjective, out int end)
    {
        foreach (var form in YearAdjectives)
        {
            if (string.CompareOrdinal(lower, numberEnd, form, 0, form.Length) != 0) continue;
            end = numberEnd + form.TrimEnd().Length;
            // "-year" must end the word ("-years" is its own form, "-yrs" is not a duration adjective).
            if (form.EndsWith('r') && end < lower.Length && StoryDocument.IsAsciiLetter(lower[end])) continue;
            adjective = form != "-years";
            return true;
        }
        foreach (var form in PluralYears)
        {
            if (string.CompareOrdinal(lower, numberEnd, form, 0, form.Length) == 0 && (numberEnd + form.Length >= lower.Length || !StoryDocument.IsAsciiLetter(lower[numberEnd + form.Length])))
            {
                adjective = false;
                end = numberEnd + form.Length;
                return true;
            }
        }
        adjective = false;
        end = numberEnd;
        return false;
    }

    private static readonly string[] MonthForms = ["-month", " month ", "個月"];

    /// <summary>"18-month", "an 18 month term", "18個月": months as an adjective or a Chinese term; plain "18 months" ("18 months ago")
    /// and 「18個月前」 are not a term.</summary>
    private static bool TryMonthsAfterNumber(string lower, int numberEnd, out int end)
    {
        foreach (var form in MonthForms)
        {
            if (string.CompareOrdinal(lower, numberEnd, form, 0, form.Length) != 0) continue;
            end = numberEnd + form.TrimEnd().Length;
            if (form == "-month" && end < lower.Length && StoryDocument.IsAsciiLetter(lower[end])) continue;
            // "18個月前", "3個月內": a time, not a term.
            if (form == "個月" && end < lower.Length && lower[end] is '前' or '內' or '后' or '後' or '來') return false;
            return true;
        }
        end = numberEnd;
        return false;
    }

    private static bool TryChineseYear(string text, int start, int numberEnd, out int end, out bool strong)
    {
        end = numberEnd;
        strong = false;
        if (numberEnd >= text.Length || text[numberEnd] != '年') return false;
        var next = numberEnd + 1 < text.Length ? text[numberEnd + 1] : ' ';
        if ("前後底初中月度級半來份紀代輕".Contains(next, StringComparison.Ordinal)) return false;
        var lead = start;
        if (lead > 0 && text[lead - 1] == '約') lead--;
        if (StoryDocument.Preceded(text, lead, ChineseDurationBlockedBefore)) return false;
        strong = StoryDocument.Preceded(text, lead, ChineseDurationLead) || next is '期' or '內';
        end = numberEnd + 1;
        return true;
    }

    private static bool DealWordWithin(List<TermHit> hits, int from, int distance) =>
        TermHit.AnyStartingIn(CollectionsMarshal.AsSpan(hits), from, from + distance, [Cue.DealNoun]);

    private static bool PenaltyWithin(string lower, int at, int distance)
    {
        var start = Math.Max(0, at - distance);
        var window = lower.AsSpan(start, Math.Min(lower.Length, at + distance) - start);
        foreach (var word in DurationPenalties)
        {
            if (window.Contains(word, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
