using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DealWatch.Core.Sources;

/// <summary>
/// Reduces the HTML found in feed titles and summaries to one line of clean text: scripts, styles and comments
/// dropped with their content, tags dropped, entities decoded (also when a feed encoded them twice, as in
/// <c>&amp;amp;lt;b&amp;amp;gt;</c>), whitespace collapsed. A lone <c>&lt;</c> that starts no tag ("a &lt; b") stays.
/// </summary>
internal static partial class HtmlText
{
    private const int MaxDecodeRounds = 3;
    private const int MaxStripRounds = 8;

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = html;
        if (text.AsSpan().IndexOfAny('<', '&') >= 0)
        {
            for (var round = 0; round < MaxDecodeRounds; round++)
            {
                var stripped = StripMarkup(text);
                text = stripped.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(stripped) : stripped;

                // Decoding may have produced markup or entities (double-encoded HTML): then go round again.
                if (text == stripped || !LooksLikeMarkup(text))
                {
                    break;
                }
            }
        }

        return CollapseWhitespace(text);
    }

    /// <summary>Collapses every run of whitespace (including no-break and zero-width spaces) to one space and trims.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool LooksLikeMarkup(string text) => TagRegex().IsMatch(text) || text.Contains('&', StringComparison.Ordinal);

    private static string StripMarkup(string text)
    {
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }

        text = HiddenBlockRegex().Replace(text, " ");
        text = CommentRegex().Replace(text, " ");
        text = CdataRegex().Replace(text, "$1");

        // Removing a tag can join the pieces around it into another ("<a<b>>" leaves "<a >"): strip until none is left.
        for (var round = 0; round < MaxStripRounds; round++)
        {
            var stripped = TagRegex().Replace(text, " ");
            if (stripped.Length == text.Length)
            {
                break;
            }

            text = stripped;
        }

        return text;
    }

    [GeneratedRegex(@"<(script|style|noscript|template|iframe|object)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenBlockRegex();

    [GeneratedRegex(@"<!--.*?(-->|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CommentRegex();

    [GeneratedRegex(@"<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CdataRegex();

    // A tag starts with '<' then a letter, '/', '!' or '?'; "a < b" is text, not a tag. As in HTML, "</>" and an end
    // tag that does not start with a letter ("</ 1>") are markup to drop too.
    [GeneratedRegex(@"</?[A-Za-z][^<>]*(>|$)|</[^<>]*>|<[!?][^<>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
