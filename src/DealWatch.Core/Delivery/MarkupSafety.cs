using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Story texts (titles, outlets, amounts as written) come from outside: every one is cleaned before it is shown,
/// HTML-encoded in email and neutralised for Adaptive Card markdown in Teams; links are kept only when http(s).
/// </summary>
internal static partial class MarkupSafety
{
    /// <summary>
    /// Text for an HTML element's content or a double-quoted attribute's value: &amp; &lt; &gt; " ' are encoded
    /// (the OWASP set for both contexts); other characters, Chinese included, stay as they are in the UTF-8 body.
    /// </summary>
    public static string HtmlEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>The URL when it is an absolute http or https URL (normalised and percent-encoded), otherwise null.</summary>
    public static Uri? SafeLink(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        return (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host) ? uri : null;
    }

    /// <summary>
    /// One line of plain text: control and bidirectional-override characters removed, runs of white space made one
    /// space, cut to <paramref name="maxLength"/> characters with an ellipsis.
    /// </summary>
    public static string PlainLine(string? text, int maxLength = 300)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 1);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (IsBidiControl(c))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        if (builder.Length > maxLength)
        {
            var cut = maxLength - 1;
            if (char.IsHighSurrogate(builder[cut - 1]))
            {
                cut--;
            }

            builder.Length = cut;
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Makes story text inert in an Adaptive Card TextBlock or Fact, which Teams renders as markdown (bold, italic,
    /// lists, links) on some clients and not others; backslash escapes are not honoured everywhere either
    /// (microsoft/AdaptiveCards#5590), so the markup characters are replaced by look-alikes instead:
    /// <c>*</c> → ∗, <c>_</c> → ˍ, <c>[ ]</c> → ［ ］, <c>&lt; &gt;</c> → ‹ ›, <c>`</c> → ˋ, <c>#</c> → ＃, <c>~</c> → ～,
    /// <c>\</c> → ⧵. A leading list marker (<c>-</c>, <c>+</c>, <c>1.</c>) and the <c>{{DATE(…)}}</c> functions are
    /// broken with a zero-width space; entity-like <c>&amp;name;</c> gets a full-width ampersand.
    /// </summary>
    public static string NeutraliseMarkdown(string? text)
    {
        var line = PlainLine(text, int.MaxValue);
        if (line.Length == 0)
        {
            return line;
        }

        var builder = new StringBuilder(line.Length + 4);
        foreach (var c in line)
        {
            builder.Append(c switch
            {
                '*' => '∗',
                '_' => 'ˍ',
                '[' => '［',
                ']' => '］',
                '<' => '‹',
                '>' => '›',
                '`' => 'ˋ',
                '#' => '＃',
                '~' => '～',
                '\\' => '⧵',
                _ => c,
            });
        }

        var result = builder.ToString()
            .Replace("{{", "{\u200B{", StringComparison.Ordinal)
            .Replace("}}", "}\u200B}", StringComparison.Ordinal)
            .Replace("${", "$\u200B{", StringComparison.Ordinal);
        result = EntityLike().Replace(result, "＆$1");
        return ListMarker().IsMatch(result) ? "\u200B" + result : result;
    }

    private static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c != '\u200D' && c != '\u200B';

    [GeneratedRegex(@"&(#?[A-Za-z0-9]+;)", RegexOptions.CultureInvariant)]
    private static partial Regex EntityLike();

    [GeneratedRegex(@"^\s{0,3}(?:[-+=]|\d{1,9}[.)])", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();
}
