using System.Buffers;
using System.Globalization;

namespace DealWatch.Core.Classification;

/// <summary>One amount of money written in a story.</summary>
/// <param name="Start">First character, currency sign included.</param>
/// <param name="End">One past the last character, currency word included.</param>
/// <param name="Value">The amount in units of <paramref name="Currency"/>; for a range, its upper end.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="ExplicitCurrency">False for a bare "38B": a sign or currency word was not written.</param>
internal readonly record struct MoneyMention(int Start, int End, decimal Value, string Currency, bool ExplicitCurrency);

/// <summary>
/// Finds amounts of money in English and Chinese: <c>$38 billion</c>, <c>US$38bn</c>, <c>38B</c>, <c>38 billion dollars</c>,
/// <c>$1.5bn-$2bn</c>, <c>380億美元</c>, <c>1.4兆美元</c>, <c>逾百億美元</c>, <c>3千億美元</c>, <c>新台幣12億元</c>, <c>500億日圓</c>.
/// Works on width-folded text, so full-width digits read as ASCII ones. Modifiers such as "up to" or "more than" leave the value as written.
/// </summary>
internal static class MoneyParser
{
    private static readonly (string Token, string Code)[] PrefixCurrencies =
    [
        ("us$", "USD"), ("nt$", "TWD"), ("hk$", "HKD"), ("s$", "SGD"), ("a$", "AUD"), ("c$", "CAD"), ("$", "USD"),
        ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₩", "KRW"),
        ("usd", "USD"), ("eur", "EUR"), ("gbp", "GBP"), ("twd", "TWD"), ("jpy", "JPY"), ("cny", "CNY"), ("rmb", "CNY"), ("hkd", "HKD"),
        ("新台幣", "TWD"), ("台幣", "TWD"), ("人民幣", "CNY"), ("港幣", "HKD"), ("美金", "USD"),
    ];

    private static readonly (string Token, string Code)[] SuffixCurrencies =
    [
        ("us dollars", "USD"), ("taiwan dollars", "TWD"), ("nt dollars", "TWD"), ("hong kong dollars", "HKD"), ("dollars", "USD"), ("dollar", "USD"),
        ("usd", "USD"), ("euros", "EUR"), ("euro", "EUR"), ("eur", "EUR"), ("pounds", "GBP"), ("gbp", "GBP"), ("yen", "JPY"), ("jpy", "JPY"),
        ("yuan", "CNY"), ("cny", "CNY"), ("won", "KRW"), ("twd", "TWD"),
        ("美元", "USD"), ("美金", "USD"), ("新台幣", "TWD"), ("台幣", "TWD"), ("日圓", "JPY"), ("日元", "JPY"), ("歐元", "EUR"), ("英鎊", "GBP"),
        ("人民幣", "CNY"), ("港元", "HKD"), ("港幣", "HKD"), ("韓元", "KRW"), ("元", "TWD"),
    ];

    private static readonly (string Word, decimal Scale, bool MustAttach)[] Scales =
    [
        ("trillion", 1e12m, false), ("billion", 1e9m, false), ("million", 1e6m, false), ("thousand", 1e3m, false),
        ("bn", 1e9m, false), ("tn", 1e12m, false), ("mln", 1e6m, false), ("mn", 1e6m, false),
        ("b", 1e9m, true), ("m", 1e6m, true), ("t", 1e12m, true), ("k", 1e3m, true),
    ];

    /// <summary>Where an amount can start: a digit or a Chinese numeral.</summary>
    private static readonly SearchValues<char> NumberStarts = SearchValues.Create("0123456789零〇一二兩三四五六七八九十百千");

    /// <summary>Every amount of money in the document, left to right; into <paramref name="into"/> (cleared first) when given.</summary>
    public static List<MoneyMention> Find(StoryDocument document, List<MoneyMention>? into = null)
    {
        var found = into ?? new List<MoneyMention>(4);
        found.Clear();
        var text = document.Text;
        var i = 0;
        while (i < text.Length)
        {
            var skip = text.AsSpan(i).IndexOfAny(NumberStarts);
            if (skip < 0) break;
            i += skip;
            var c = text[i];
            var prev = i > 0 ? text[i - 1] : ' ';
            // A number starts with a digit not inside a word or a number, or with a Chinese numeral not after one
            // (nor after 數/幾/上/好: "數十億" is no amount).
            if ((StoryDocument.IsDigit(c) && !StoryDocument.IsWordChar(prev) && prev != '.' && prev != ',')
                || (ChineseNumeral(c) >= 0 && ChineseNumeral(prev) < 0 && !StoryDocument.IsDigit(prev) && prev is not ('數' or '幾' or '上' or '好')))
            {
                if (TryParseAt(document, i, allowRange: true, out var mention, out var next))
                {
                    found.Add(mention);
                }
                i = Math.Max(next, i + 1);
            }
            else
            {
                i++;
            }
        }
        return found;
    }

    /// <summary>Parses the first amount of money in <paramref name="text"/> (for tests and tools).</summary>
    public static bool TryParse(string text, out MoneyMention mention)
    {
        var document = StoryDocument.Create(text, null);
        var all = Find(document);
        mention = all.Count > 0 ? all[0] : default;
        return all.Count > 0;
    }

    private static bool TryParseAt(StoryDocument document, int start, bool allowRange, out MoneyMention mention, out int next)
    {
        mention = default;
        var text = document.Text;
        var lower = document.Lower;
        var j = start;
        decimal number = 0;
        var hasArabic = false;
        if (StoryDocument.IsDigit(text[j]))
        {
            if (!TryReadArabic(text, ref j, out number))
            {
                next = j;
                return false;
            }
            hasArabic = true;
        }

        decimal value;
        var scaled = false;
        var chinese = j < text.Length && (ChineseNumeral(text[j]) >= 0 || ChineseUnit(text[j]) > 0);
        if (chinese)
        {
            var before = j;
            value = ReadChinese(text, ref j, hasArabic ? number : null);
            scaled = j > before && ChineseUnit(text[j - 1]) >= 1e4m;
            if (!hasArabic && !scaled && j - before < 2)
            {
                next = j;
                return false;
            }
        }
        else if (hasArabic)
        {
            value = number;
            var k = j;
            if (k < lower.Length && lower[k] == ' ') k++;
            foreach (var (word, scale, mustAttach) in Scales)
            {
                if ((mustAttach && k != j) || k >= lower.Length || lower[k] != word[0]) continue;
                if (string.CompareOrdinal(lower, k, word, 0, word.Length) != 0) continue;
                var after = k + word.Length;
                if (after < lower.Length && StoryDocument.IsAsciiLetter(lower[after])) continue;
                value = number * scale;
                scaled = true;
                j = after;
                break;
            }
        }
        else
        {
            next = start + 1;
            return false;
        }

        if (j < text.Length && text[j] == '+') j++;

        // Currency before the number ("US$", "新台幣"), at most one space away.
        var mentionStart = start;
        string? currency = null;
        var p = start;
        if (p > 0 && lower[p - 1] == ' ') p--;
        foreach (var (token, code) in PrefixCurrencies)
        {
            if (p == 0 || lower[p - 1] != token[^1]) continue;
            if (p < token.Length || string.CompareOrdinal(lower, p - token.Length, token, 0, token.Length) != 0) continue;
            var tokenStart = p - token.Length;
            if (StoryDocument.IsAsciiLetter(token[0]) && tokenStart > 0 && StoryDocument.IsAsciiLetter(lower[tokenStart - 1])) continue;
            if (token.Length == 1 && token[0] == '$' && tokenStart > 0 && StoryDocument.IsAsciiLetter(lower[tokenStart - 1])) continue;
            currency = code;
            mentionStart = tokenStart;
            break;
        }

        // Currency after the number ("dollars", "美元", "億元").
        var q = j;
        if (q < lower.Length && lower[q] == ' ' && StoryDocument.IsAsciiLetter(q + 1 < lower.Length ? lower[q + 1] : ' ')) q++;
        foreach (var (token, code) in SuffixCurrencies)
        {
            if (q >= lower.Length || lower[q] != token[0]) continue;
            if (string.CompareOrdinal(lower, q, token, 0, token.Length) != 0) continue;
            var after = q + token.Length;
            if (StoryDocument.IsAsciiLetter(token[0]))
            {
                if (after < lower.Length && StoryDocument.IsAsciiLetter(lower[after])) continue;
                if (!scaled && code is "JPY" or "CNY" or "KRW") continue;
            }
            if (token == "元" && currency is not null)
            {
                j = after;
                break;
            }
            currency ??= code;
            j = after;
            break;
        }

        // A range: "$1.5bn-$2bn", "$10-12 billion", "700至720億美元", "$70 billion to $72 billion" give the upper end.
        if (allowRange)
        {
            var r = j;
            if (r < lower.Length && lower[r] == ' ') r++;
            var connector = r < lower.Length && lower[r] is '-' or '~' or '至' or '到' ? 1
                : string.CompareOrdinal(lower, r, "to ", 0, 3) == 0 ? 3 : 0;
            if (connector > 0)
            {
                var s = r + connector;
                if (s < lower.Length && lower[s] == ' ') s++;
                var secondStart = s;
                foreach (var (token, _) in PrefixCurrencies)
                {
                    if (string.CompareOrdinal(lower, s, token, 0, token.Length) == 0 && token.Length <= 3 && !StoryDocument.IsAsciiLetter(token[0]))
                    {
                        secondStart = s + token.Length;
                        break;
                    }
                }
                if (secondStart < text.Length && (StoryDocument.IsDigit(text[secondStart]) || ChineseNumeral(text[secondStart]) >= 0)
                    && TryParseAt(document, secondStart, allowRange: false, out var upper, out var upperEnd)
                    && (currency is null || upper.Currency == currency))
                {
                    // The upper end is the second number; a bare first number ("$10-12 billion") takes the second's scale.
                    var upperValue = scaled ? Math.Max(value, upper.Value) : upper.Value;
                    mention = new MoneyMention(mentionStart, upper.End, upperValue, currency ?? upper.Currency, currency is not null || upper.ExplicitCurrency);
                    next = upperEnd;
                    return true;
                }
            }
        }

        next = j;
        if (currency is null)
        {
            // A bare "38B" or "38 billion" reads as US dollars, flagged so that only a deal's context makes it the deal's value.
            if (!scaled || chinese) return false;
            mention = new MoneyMention(mentionStart, j, value, "USD", ExplicitCurrency: false);
            return true;
        }

        mention = new MoneyMention(mentionStart, j, value, currency, ExplicitCurrency: true);
        return true;
    }

    private static bool TryReadArabic(string text, ref int j, out decimal value)
    {
        var start = j;
        Span<char> buffer = stackalloc char[32];
        var length = 0;
        while (j < text.Length && length < buffer.Length - 1)
        {
            var c = text[j];
            if (StoryDocument.IsDigit(c))
            {
                buffer[length++] = c;
                j++;
            }
            else if (c == ',' && IsThreeDigitGroup(text, j + 1))
            {
                j++;
            }
            else if (c == '.' && j + 1 < text.Length && StoryDocument.IsDigit(text[j + 1]) && !buffer[..length].Contains('.'))
            {
                buffer[length++] = '.';
                j++;
            }
            else
            {
                break;
            }
        }
        return decimal.TryParse(buffer[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && j > start;
    }

    private static bool IsThreeDigitGroup(string text, int at) =>
        at + 2 < text.Length
        && StoryDocument.IsDigit(text[at]) && StoryDocument.IsDigit(text[at + 1]) && StoryDocument.IsDigit(text[at + 2])
        && (at + 3 >= text.Length || !StoryDocument.IsDigit(text[at + 3]));

    /// <summary>Chinese numerals and units after an optional Arabic number: 3千億 = 3×10^11, 百億 = 10^10, 1.4兆 = 1.4×10^12.</summary>
    private static decimal ReadChinese(string text, ref int j, decimal? leading)
    {
        decimal result = 0, section = 0, number = leading ?? 0, lastBig = 0;
        while (j < text.Length)
        {
            var c = text[j];
            var digit = ChineseNumeral(c);
            var unit = ChineseUnit(c);
            if (digit >= 0 && digit < 10)
            {
                number = digit;
            }
            else if (lastBig > 0 && StoryDocument.IsDigit(c))
            {
                // "1億8千萬", "3兆5000億": Arabic digits again after a big unit.
                var end = j;
                while (end < text.Length && (StoryDocument.IsDigit(text[end]) || (text[end] == '.' && end + 1 < text.Length && StoryDocument.IsDigit(text[end + 1])))) end++;
                if (!decimal.TryParse(text.AsSpan(j, end - j), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)) break;
                j = end;
                continue;
            }
            else if (unit is > 0 and < 1e4m)
            {
                section += (number == 0 ? 1 : number) * unit;
                number = 0;
            }
            else if (unit >= 1e4m)
            {
                section += number;
                number = 0;
                if (section == 0) section = 1;
                if (unit > lastBig)
                {
                    result = (result + section) * unit;
                    lastBig = unit;
                }
                else
                {
                    result += section * unit;
                }
                section = 0;
            }
            else
            {
                break;
            }
            j++;
        }
        return result + section + number;
    }

    private static int ChineseNumeral(char c) => c switch
    {
        '零' or '〇' => 0, '一' => 1, '二' or '兩' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9,
        '十' or '百' or '千' => 10,
        _ => -1,
    };

    private static decimal ChineseUnit(char c) => c switch
    {
        '十' => 10m, '百' => 100m, '千' => 1000m, '萬' or '万' => 1e4m, '億' or '亿' => 1e8m, '兆' => 1e12m,
        _ => 0m,
    };
}
