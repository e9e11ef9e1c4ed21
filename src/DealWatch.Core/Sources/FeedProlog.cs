namespace DealWatch.Core.Sources;

/// <summary>
/// Looks at the start of a body before the XML parser does: says when it is an HTML page or not XML at all,
/// refuses a DTD with declarations (the place entities live), and removes what real feeds get wrong harmlessly:
/// whitespace before the XML declaration, and a bare <c>&lt;!DOCTYPE rss PUBLIC ...&gt;</c> with no
/// declarations (old RSS 0.91 feeds name Netscape's DTD), which is never fetched.
/// </summary>
internal static class FeedProlog
{
    /// <exception cref="FeedFormatException">The body is HTML, not XML, or has a DTD with declarations.</exception>
    public static string Clean(string head)
    {
        var text = head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                if (text.Length == 0)
                {
                    throw new FeedFormatException("empty body: the source answered with only whitespace");
                }

                return text;
            }

            var rest = text.AsSpan(position);
            if (rest.StartsWith("<?"))
            {
                position = Skip(text, position, "?>");
            }
            else if (rest.StartsWith("<!--"))
            {
                position = Skip(text, position, "-->");
            }
            else if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                var close = text.IndexOf('>', position);
                var subset = text.IndexOf('[', position);
                var name = rest[9..].TrimStart().ToString();
                if (name.StartsWith("html", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FeedFormatException("not a feed: this is an HTML page (<!DOCTYPE html>), not RSS or Atom");
                }

                if (close < 0 || (subset >= 0 && subset < close))
                {
                    throw new FeedFormatException("refused: the document carries a DTD with declarations (<!DOCTYPE ... [ ... ]>); DTDs are never processed, so no external entity is read and no entity is expanded");
                }

                // A bare DOCTYPE naming an external DTD: drop it (it would never be fetched anyway).
                text = string.Concat(text.AsSpan(0, position), text.AsSpan(close + 1));
            }
            else if (rest.Length > 1 && rest[0] == '<' && (char.IsLetter(rest[1]) || rest[1] == '_'))
            {
                var end = 1;
                while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] is not ('>' or '/'))
                {
                    end++;
                }

                if (rest[1..end].Equals("html", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FeedFormatException("not a feed: this is an HTML page (<html>), not RSS or Atom");
                }

                return text;
            }
            else
            {
                var start = rest.Length > 24 ? rest[..24].ToString() + "..." : rest.ToString();
                var what = rest[0] is '{' or '[' ? "JSON" : "text";
                throw new FeedFormatException($"not a feed: the body is {what}, not XML (it starts with \"{HtmlText.CollapseWhitespace(start)}\")");
            }
        }
    }

    private static int Skip(string text, int position, string terminator)
    {
        var end = text.IndexOf(terminator, position, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }
}
