using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DealWatch.Core.Sources;

/// <summary>
/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 documents as a stream, one item at a time, so memory stays
/// bounded by the largest item, not the document. Refuses what a feed must never need: DTDs (so external
/// entities and entity-expansion bombs cannot work: <see cref="DtdProcessing.Prohibit"/>, no resolver), and
/// says plainly when the body is an HTML page, not XML, or cut short.
/// </summary>
internal static class XmlFeedReader
{
    private const int PrefixBytes = 4096;
    private const int PrefixChars = 8192;
    private const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Atom03Namespace = "http://purl.org/atom/ns#";
    private const string FeedBurnerNamespace = "http://rssnamespace.org/feedburner/ext/1.0";

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        // Real feeds carry stray control characters; they are dropped later rather than failing the feed.
        CheckCharacters = false,
        CloseInput = false,
    };

    /// <exception cref="FeedFormatException">The body is not a feed; the message says why in one line.</exception>
    /// <exception cref="XmlException">The XML is malformed or cut short.</exception>
    /// <exception cref="BodyTooLargeException">The body passed the size limit.</exception>
    public static async Task<RawFeed> ReadAsync(Stream body, Uri? documentUri, string? httpCharset, CancellationToken cancellationToken)
    {
        var head = new byte[PrefixBytes];
        var filled = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (filled == 0)
        {
            throw new FeedFormatException("empty body: the source answered with no content");
        }

        var (encoding, bomLength) = FeedEncoding.Detect(head.AsSpan(0, filled), httpCharset);
        using var text = new HtmlEntityTextReader(
            new StreamReader(new PrefixedStream(head, bomLength, filled - bomLength, body), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true));
        var chars = new char[PrefixChars];
        var read = await text.ReadBlockAsync(chars.AsMemory(), cancellationToken).ConfigureAwait(false);
        var prolog = FeedProlog.Clean(new string(chars, 0, read));
        using var reader = XmlReader.Create(new PrefixedTextReader(prolog, text), Settings);
        return await ReadDocumentAsync(reader, documentUri, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RawFeed> ReadDocumentAsync(XmlReader reader, Uri? documentUri, CancellationToken cancellationToken)
    {
        if (await reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element)
        {
            throw new FeedFormatException("not a feed: the document has no root element");
        }

        var format = (reader.LocalName, reader.NamespaceURI) switch
        {
            ("rss", _) => "RSS " + (reader.GetAttribute("version") ?? "2.0"),
            ("RDF", RdfNamespace) => "RSS 1.0 (RDF)",
            ("feed", Atom03Namespace) => "Atom 0.3",
            ("feed", _) => "Atom 1.0",
            ("html" or "HTML", _) => throw new FeedFormatException("not a feed: this is an HTML page (<html>), not RSS or Atom"),
            _ => throw new FeedFormatException($"not a feed: the root element is <{reader.Name}>, not <rss>, <rdf:RDF> or <feed>"),
        };

        var feedBase = Resolve(documentUri, reader.GetAttribute("xml:base"));
        var itemBase = feedBase;
        string? title = null;
        var language = NullIfEmpty(reader.XmlLang);
        var items = new List<RawItem>();
        if (reader.IsEmptyElement)
        {
            return new RawFeed(items, title, language, format);
        }

        var rootDepth = reader.Depth;
        var channelDepth = rootDepth;
        var advance = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (advance && !await reader.ReadAsync().ConfigureAwait(false))
            {
                break;
            }

            advance = true;
            if (reader.EOF || (reader.NodeType == XmlNodeType.EndElement && reader.Depth == rootDepth))
            {
                break;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var channelLevel = reader.Depth == channelDepth + 1;
            switch (reader.LocalName)
            {
                case "item" or "entry":
                    var item = (XElement)await XNode.ReadFromAsync(reader, cancellationToken).ConfigureAwait(false);
                    items.Add(ReadItem(item, itemBase));
                    advance = false;
                    break;
                case "channel" when reader.Depth == rootDepth + 1 && !reader.IsEmptyElement:
                    channelDepth = reader.Depth;
                    itemBase = Resolve(feedBase, reader.GetAttribute("xml:base"));
                    language ??= NullIfEmpty(reader.XmlLang);
                    break;
                case "title" when channelLevel:
                    var titleElement = (XElement)await XNode.ReadFromAsync(reader, cancellationToken).ConfigureAwait(false);
                    title ??= NullIfEmpty(HtmlText.ToPlainText(TextOf(titleElement)));
                    advance = false;
                    break;
                case "language" when channelLevel:
                    var languageElement = (XElement)await XNode.ReadFromAsync(reader, cancellationToken).ConfigureAwait(false);
                    language ??= NullIfEmpty(languageElement.Value.Trim());
                    advance = false;
                    break;
                default:
                    await reader.SkipAsync().ConfigureAwait(false);
                    advance = false;
                    break;
            }
        }

        return new RawFeed(items, title, language, format);
    }

    private static RawItem ReadItem(XElement item, Uri? baseUri)
    {
        var itemBase = Resolve(baseUri, (string?)item.Attribute(XNamespace.Xml + "base"));
        var atomLink = AtomLink(item, itemBase, out var atomLinkBase);
        var link = Child(item, "origLink", FeedBurnerNamespace)?.Value
            ?? atomLink
            ?? Children(item, "link").FirstOrDefault(l => l.Attribute("href") is null && !string.IsNullOrWhiteSpace(l.Value))?.Value
            ?? PermaLinkGuid(item)
            ?? (string?)item.Attribute(XName.Get("about", RdfNamespace))
            ?? HttpOrNull(Child(item, "id")?.Value);
        var linkBase = link is not null && ReferenceEquals(link, atomLink) ? atomLinkBase : itemBase;

        return new RawItem(
            Title: FirstText(item, "title"),
            Link: link?.Trim(),
            LinkBase: linkBase,
            Summary: FirstText(item, "description", "summary", "encoded", "content"),
            Published: FirstText(item, "pubDate", "published", "date", "issued", "updated", "modified"),
            Language: NullIfEmpty((string?)item.Attribute(XNamespace.Xml + "lang")) ?? NullIfEmpty(Child(item, "language")?.Value.Trim()),
            Outlet: OutletOf(item));
    }

    private static string? AtomLink(XElement item, Uri? itemBase, out Uri? linkBase)
    {
        linkBase = null;
        var candidates = Children(item, "link")
            .Where(l => l.Attribute("href") is { Value.Length: > 0 })
            .Select(l => (Element: l, Rel: (string?)l.Attribute("rel") ?? "alternate", Type: (string?)l.Attribute("type")))
            .Where(l => l.Rel == "alternate")
            .OrderBy(l => l.Type is null or "text/html" or "application/xhtml+xml" ? 0 : 1)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates[0].Element;
        linkBase = Resolve(itemBase, (string?)chosen.Attribute(XNamespace.Xml + "base"));
        return (string?)chosen.Attribute("href");
    }

    private static string? PermaLinkGuid(XElement item)
    {
        var guid = Child(item, "guid");
        if (guid is null || string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return HttpOrNull(guid.Value);
    }

    private static string? OutletOf(XElement item)
    {
        var source = Child(item, "source");
        if (source is null)
        {
            return null;
        }

        // RSS: <source url="...">Outlet</source>. Atom: <source><title>Outlet</title>...</source>.
        var name = source.HasElements ? Child(source, "title")?.Value : source.Value;
        return NullIfEmpty(HtmlText.ToPlainText(name));
    }

    private static string? FirstText(XElement item, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            foreach (var child in Children(item, name))
            {
                var text = TextOf(child);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return text;
                }
            }
        }

        return null;
    }

    // Atom "xhtml" content is markup inside a div; everything else is the element's text.
    private static string TextOf(XElement element)
    {
        if (!element.HasElements)
        {
            return element.Value;
        }

        var builder = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            builder.Append(node.ToString(SaveOptions.DisableFormatting));
        }

        return builder.ToString();
    }

    private static XElement? Child(XElement parent, string localName, string? ns = null) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName && (ns is null || e.Name.NamespaceName == ns));

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    private static string? HttpOrNull(string? text)
    {
        text = text?.Trim();
        return text is not null && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? text : null;
    }

    private static Uri? Resolve(Uri? baseUri, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return baseUri;
        }

        if (Uri.TryCreate(reference.Trim(), UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute;
        }

        return baseUri is not null && Uri.TryCreate(baseUri, reference.Trim(), out var resolved) ? resolved : baseUri;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
