using System.Text;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Writes alert views as an email: the subject, a plain-text part and an HTML part. Every text that reaches the
/// HTML goes through <see cref="MarkupSafety.HtmlEncode"/>, story links only as http(s) and attribute-encoded.
/// </summary>
internal static class EmailWriter
{
    private const int DigestSourcesPerAlert = 5;
    private const string Body = "font-family:'Segoe UI',Helvetica,Arial,sans-serif;color:#1b1b1b;max-width:720px;margin:0 auto;padding:16px";
    private const string Muted = "color:#666;font-size:13px;margin:0";
    private const string FactTitle = "text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:600;vertical-align:top;white-space:nowrap";
    private const string Cell = "padding:4px 12px 4px 0;vertical-align:top";
    private const string Heading = "font-size:16px;margin:20px 0 8px";

    public static RenderedEmail Write(AlertView view, Phrases phrases)
    {
        var subject = Subject(view.Headline);
        var html = new StringBuilder();
        OpenDocument(html, phrases, subject);
        html.Append("<p style=\"").Append(Muted).Append("\">").Append(Encode(view.KindLabel)).Append("</p>\n");
        html.Append("<h1 style=\"font-size:20px;margin:4px 0 16px\">").Append(Encode(view.Headline)).Append("</h1>\n");
        HtmlAlertBody(html, view, phrases, int.MaxValue);
        html.Append("<p style=\"color:#888;font-size:12px;margin-top:24px\">").Append(Encode(view.Footer)).Append("</p>\n");
        CloseDocument(html);

        var text = new StringBuilder();
        text.Append(view.Headline).Append('\n').Append(view.KindLabel).Append("\n\n");
        TextAlertBody(text, view, phrases, int.MaxValue);
        text.Append("\n-- \n").Append(view.Footer).Append('\n');
        return new RenderedEmail(subject, text.ToString(), html.ToString());
    }

    public static RenderedEmail WriteDigest(IReadOnlyList<AlertView> views, Phrases phrases, DateOnly day)
    {
        var subject = Subject(phrases.DigestSubject(day, views.Count));
        var html = new StringBuilder();
        OpenDocument(html, phrases, subject);
        html.Append("<h1 style=\"font-size:20px;margin:4px 0 16px\">").Append(Encode(subject)).Append("</h1>\n");
        html.Append("<p>").Append(Encode(views.Count == 0 ? phrases.DigestEmpty : phrases.DigestIntro(day, views.Count))).Append("</p>\n");
        var text = new StringBuilder();
        text.Append(subject).Append("\n\n").Append(views.Count == 0 ? phrases.DigestEmpty : phrases.DigestIntro(day, views.Count)).Append('\n');
        foreach (var view in views)
        {
            html.Append("<hr style=\"border:none;border-top:1px solid #ddd;margin:20px 0\">\n");
            html.Append("<p style=\"").Append(Muted).Append("\">").Append(Encode(view.KindLabel)).Append("</p>\n");
            html.Append("<h2 style=\"font-size:17px;margin:4px 0 12px\">").Append(Encode(view.Headline)).Append("</h2>\n");
            HtmlAlertBody(html, view, phrases, DigestSourcesPerAlert);
            html.Append("<p style=\"color:#888;font-size:12px\">").Append(Encode(view.Footer)).Append("</p>\n");

            text.Append("\n==== ").Append(view.Headline).Append('\n').Append(view.KindLabel).Append("\n\n");
            TextAlertBody(text, view, phrases, DigestSourcesPerAlert);
            text.Append(view.Footer).Append('\n');
        }

        CloseDocument(html);
        return new RenderedEmail(subject, text.ToString(), html.ToString());
    }

    private static void HtmlAlertBody(StringBuilder html, AlertView view, Phrases phrases, int maxSources)
    {
        var facts = view.Facts.Where(f => f.Title != phrases.FactMarket).ToArray();
        if (facts.Length > 0)
        {
            html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;font-size:14px\">\n");
            foreach (var fact in facts)
            {
                html.Append("<tr><th scope=\"row\" style=\"").Append(FactTitle).Append("\">").Append(Encode(fact.Title))
                    .Append("</th><td style=\"").Append(Cell).Append("\">").Append(Encode(fact.Value)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (view.Sources.Count > 0)
        {
            html.Append("<h3 style=\"").Append(Heading).Append("\">").Append(Encode(phrases.SourcesHeading)).Append("</h3>\n<ol style=\"padding-left:20px;font-size:14px;margin:0\">\n");
            foreach (var source in view.Sources.Take(maxSources))
            {
                html.Append("<li style=\"margin:0 0 6px\">");
                if (source.Link is { } link)
                {
                    html.Append("<a href=\"").Append(Encode(link.AbsoluteUri)).Append("\">").Append(Encode(source.Title)).Append("</a>");
                }
                else
                {
                    html.Append(Encode(source.Title));
                }

                var meta = SourceMeta(source);
                if (meta.Length > 0)
                {
                    html.Append(" <span style=\"color:#666\">— ").Append(Encode(meta)).Append("</span>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ol>\n");
            if (view.Sources.Count > maxSources)
            {
                html.Append("<p style=\"").Append(Muted).Append("\">").Append(Encode(phrases.MoreSources(view.Sources.Count - maxSources))).Append("</p>\n");
            }
        }

        if (view.Market.Count > 0)
        {
            html.Append("<h3 style=\"").Append(Heading).Append("\">").Append(Encode(phrases.MarketHeading)).Append("</h3>\n");
            html.Append("<table style=\"border-collapse:collapse;font-size:14px\">\n<tr>");
            foreach (var header in new[] { phrases.MarketName, phrases.MarketPrice, phrases.MarketChange, phrases.MarketPercent })
            {
                html.Append("<th style=\"text-align:left;").Append(Cell).Append(";color:#555\">").Append(Encode(header)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (var quote in view.Market)
            {
                var colour = quote.Percent.StartsWith('−') ? "#b00020" : quote.Percent.StartsWith('+') ? "#0a7d32" : "#1b1b1b";
                html.Append("<tr><td style=\"").Append(Cell).Append("\">").Append(Encode(quote.Name))
                    .Append("</td><td style=\"").Append(Cell).Append("\">").Append(Encode(quote.Price))
                    .Append("</td><td style=\"").Append(Cell).Append(";color:").Append(colour).Append("\">").Append(Encode(quote.Change))
                    .Append("</td><td style=\"").Append(Cell).Append(";color:").Append(colour).Append("\">").Append(Encode(quote.Percent))
                    .Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }
    }

    private static void TextAlertBody(StringBuilder text, AlertView view, Phrases phrases, int maxSources)
    {
        foreach (var fact in view.Facts.Where(f => f.Title != phrases.FactMarket))
        {
            text.Append(fact.Title).Append(phrases.Colon).Append(fact.Value).Append('\n');
        }

        if (view.Sources.Count > 0)
        {
            text.Append('\n').Append(phrases.SourcesHeading).Append('\n');
            var number = 0;
            foreach (var source in view.Sources.Take(maxSources))
            {
                text.Append(++number).Append(". ").Append(source.Title);
                var meta = SourceMeta(source);
                if (meta.Length > 0)
                {
                    text.Append(" — ").Append(meta);
                }

                text.Append('\n');
                if (source.Link is { } link)
                {
                    text.Append("   ").Append(link.AbsoluteUri).Append('\n');
                }
            }

            if (view.Sources.Count > maxSources)
            {
                text.Append(phrases.MoreSources(view.Sources.Count - maxSources)).Append('\n');
            }
        }

        if (view.Market.Count > 0)
        {
            text.Append('\n').Append(phrases.MarketHeading).Append('\n');
            foreach (var quote in view.Market)
            {
                text.Append("- ").Append(quote.Name).Append("  ").Append(quote.Price).Append("  ").Append(quote.Change).Append("  ").Append(quote.Percent).Append('\n');
            }
        }
    }

    private static string SourceMeta(ViewSource source) =>
        string.Join(", ", new[] { source.Outlet, source.PublishedAt }.Where(s => !string.IsNullOrEmpty(s)));

    private static void OpenDocument(StringBuilder html, Phrases phrases, string subject) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(phrases.Tag).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Encode(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"").Append(Body).Append("\">\n");

    private static void CloseDocument(StringBuilder html) => html.Append("</body>\n</html>\n");

    /// <summary>A subject is one line (no header injection) of at most 200 characters.</summary>
    private static string Subject(string headline) => MarkupSafety.PlainLine(headline, 200);

    private static string Encode(string text) => MarkupSafety.HtmlEncode(text);
}
