using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DealWatch.Core.Sources;

/// <summary>
/// A fingerprint of a headline, so the deal stage can group the same news from different outlets.
/// <para>
/// How: the title is NFKC-normalised (full-width letters and digits become ASCII) and lower-cased; Latin-script
/// words become tokens (stop words such as "the", "says", "report" dropped; "$38bn", "38 billion" and "38b"
/// all become "38b"); runs of CJK characters become overlapping bigrams (bigrams of function characters such
/// as 的/了 dropped). The fingerprint is <c>v1:</c> plus 16 hex digits of the SHA-256 of the sorted, distinct tokens.
/// </para>
/// <para>
/// What it merges: the same headline re-published with different case, punctuation, word order, outlet
/// suffix, full-width characters, filler words or number spelling ("$38 billion" / "$38bn"). What it does not:
/// rewritten headlines (another outlet's own wording), translations (English vs Chinese), Simplified vs
/// Traditional characters. For those, <see cref="Similarity"/> measures token overlap (Jaccard) between two
/// titles of the same language; the deal stage's entity matching is the stronger signal.
/// </para>
/// </summary>
public static class TitleFingerprint
{
    private static readonly StopWords Stop = StopWords.Load();

    /// <summary>The fingerprint of a title (<c>v1:</c> and 16 hex digits); equal fingerprints mean "the same headline".</summary>
    /// <param name="title">The plain-text title.</param>
    /// <remarks>Tokens are split by script (Latin words, CJK bigrams), so a title's language needs no telling.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public static string Compute(string title)
    {
        var tokens = Tokens(title);
        var joined = string.Join(' ', tokens);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(joined), hash);
        return "v1:" + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The salient tokens of a title, sorted and distinct.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public static IReadOnlyList<string> Tokens(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = title.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        var cjk = new StringBuilder();
        string? previousWord = null;

        void FlushWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var token = NormalizeNumber(word.ToString());
            word.Clear();
            if (previousWord is { } number && IsNumber(number) && ScaleSuffix(token) is { } scale)
            {
                tokens.Remove(number);
                tokens.Add(number + scale);
                previousWord = null;
                return;
            }

            previousWord = token;
            if ((token.Length > 1 || char.IsDigit(token[0])) && !Stop.English.Contains(token))
            {
                tokens.Add(token);
            }
        }

        void FlushCjk()
        {
            if (cjk.Length == 1 && !Stop.Chinese.Contains(cjk[0]))
            {
                tokens.Add(cjk.ToString());
            }

            for (var i = 0; i + 1 < cjk.Length; i++)
            {
                if (!(Stop.Chinese.Contains(cjk[i]) && Stop.Chinese.Contains(cjk[i + 1])))
                {
                    tokens.Add(cjk.ToString(i, 2));
                }
            }

            cjk.Clear();
        }

        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                FlushWord();
                cjk.Append(c);
            }
            else if (char.IsLetterOrDigit(c) || (c is '.' or ',' && word.Length > 0 && char.IsDigit(word[^1])))
            {
                FlushCjk();
                word.Append(c);
            }
            else
            {
                FlushWord();
                FlushCjk();
            }
        }

        FlushWord();
        FlushCjk();
        return tokens.ToArray();
    }

    /// <summary>Jaccard similarity (0 to 1) of two titles' salient tokens.</summary>
    /// <exception cref="ArgumentNullException">A title is null.</exception>
    public static double Similarity(string titleA, string titleB)
    {
        var a = Tokens(titleA);
        var b = Tokens(titleB);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var intersection = a.Intersect(b, StringComparer.Ordinal).Count();
        return (double)intersection / (a.Count + b.Count - intersection);
    }

    private static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';

    private static bool IsNumber(string token) => token.Length > 0 && char.IsDigit(token[0]) && token.All(c => char.IsDigit(c) || c == '.');

    // "38bn" -> "38b", "1,200" -> "1200", "3.50" -> "3.5"
    private static string NormalizeNumber(string token)
    {
        if (!char.IsDigit(token[0]))
        {
            return token;
        }

        var digits = token.TrimEnd('.', ',').Replace(",", "", StringComparison.Ordinal);
        var end = 0;
        while (end < digits.Length && (char.IsDigit(digits[end]) || digits[end] == '.'))
        {
            end++;
        }

        var number = digits[..end];
        if (number.Contains('.', StringComparison.Ordinal) && decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            number = value.ToString("0.############", CultureInfo.InvariantCulture);
        }

        return end == digits.Length ? number : number + (ScaleSuffix(digits[end..]) ?? digits[end..]);
    }

    private static string? ScaleSuffix(string word) => word switch
    {
        "k" or "thousand" => "k",
        "m" or "mn" or "mln" or "million" or "millions" => "m",
        "b" or "bn" or "bln" or "billion" or "billions" => "b",
        "t" or "tn" or "trillion" or "trillions" => "t",
        _ => null,
    };

    private sealed record StopWords(FrozenSet<string> English, FrozenSet<char> Chinese)
    {
        public static StopWords Load()
        {
            var data = EmbeddedData.Load<StopWordData>("Sources.Data.fingerprint-stopwords.json");
            return new StopWords(
                data.En.ToFrozenSet(StringComparer.Ordinal),
                data.Zh.Where(s => s.Length == 1).Select(s => s[0]).ToFrozenSet());
        }
    }

    private sealed record StopWordData(List<string> En, List<string> Zh);
}
