using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;

namespace DealWatch.Core.Sources;

/// <summary>How to read one body.</summary>
public sealed record FeedParseOptions
{
    /// <summary>The wire format.</summary>
    public SourceKind Kind { get; init; } = SourceKind.Feed;

    /// <summary>The URL the body came from: relative links resolve against it (after any <c>xml:base</c>).</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>The HTTP Content-Type, whose charset is a hint when the body declares none.</summary>
    public string? ContentType { get; init; }

    /// <summary>The language of stories that do not say theirs.</summary>
    public string DefaultLanguage { get; init; } = "en";

    /// <summary>The outlet name for stories that do not name theirs; null uses the feed's own title.</summary>
    public string? SourceName { get; init; }

    /// <summary>Largest body accepted, in bytes; refused while reading past it.</summary>
    public long MaxBodyBytes { get; init; } = 10L * 1024 * 1024;
}

/// <summary>The stories of one body, or one line saying why there are none.</summary>
/// <param name="Stories">Every story with a title and an http(s) link, distinct by id, in feed order.</param>
/// <param name="Error">Null on success; otherwise one line for a human (no stack trace).</param>
/// <param name="Format">What the body was: "RSS 2.0", "Atom 1.0", "RSS 1.0 (RDF)", "cnyes news list".</param>
/// <param name="BodySha256">SHA-256 of the whole body (hex), when it was read to the end.</param>
/// <param name="Bytes">Bytes read.</param>
public sealed record FeedParseResult(IReadOnlyList<NewsStory> Stories, string? Error, string? Format, string? BodySha256, long Bytes)
{
    /// <summary>True when the body was read as a feed.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Parses one news body of any <see cref="SourceKind"/> into normalised <see cref="NewsStory"/> records: plain
/// text titles and summaries, UTC dates (null when absent or unparseable), canonical URLs and their ids,
/// normalised language tags, title fingerprints. Hostile or broken input gives a one-line error, not an exception.
/// </summary>
public static partial class NewsFeedParser
{
    /// <summary>The outlet name of SEC EDGAR filings.</summary>
    public const string EdgarOutlet = "SEC EDGAR";

    /// <summary>Reads <paramref name="body"/> to its end (or to the size limit) and returns its stories or one error line.</summary>
    /// <param name="body">The body (already decompressed); it is not disposed.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="IOException">Reading the body failed (a broken connection).</exception>
    public static async Task<FeedParseResult> ParseAsync(Stream body, FeedParseOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        var bounded = new BoundedReadStream(body, options.MaxBodyBytes);
        RawFeed feed;
        try
        {
            feed = options.Kind == SourceKind.Cnyes
                ? await CnyesNewsListReader.ReadAsync(bounded, cancellationToken).ConfigureAwait(false)
                : await XmlFeedReader.ReadAsync(bounded, options.BaseUri, FeedEncoding.CharsetOf(options.ContentType), cancellationToken).ConfigureAwait(false);
        }
        catch (FeedFormatException ex)
        {
            return Failed(ex.Message);
        }
        catch (BodyTooLargeException ex)
        {
            return Failed(ex.Message);
        }
        catch (XmlException ex)
        {
            return Failed(DescribeXmlError(ex, bounded));
        }
        catch (JsonException ex)
        {
            return Failed(bounded.ReachedEnd && ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
                ? $"truncated: the JSON ends before the document is complete (after {bounded.BytesRead:N0} bytes)"
                : $"malformed JSON: {FirstLine(ex.Message)}");
        }

        // Drain what follows the document, so the hash covers the whole body and the connection can be reused.
        await bounded.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return new FeedParseResult(BuildStories(feed, options), null, feed.Format, bounded.Sha256, bounded.BytesRead);

        FeedParseResult Failed(string error) => new([], error, null, null, bounded.BytesRead);
    }

    private static List<NewsStory> BuildStories(RawFeed feed, FeedParseOptions options)
    {
        var defaultLanguage = LanguageTags.Normalize(options.DefaultLanguage) ?? "en";
        var feedLanguage = LanguageTags.Normalize(feed.Language, defaultLanguage) ?? defaultLanguage;
        var stories = new List<NewsStory>(feed.Items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in feed.Items)
        {
            if (BuildStory(item, feed, options, feedLanguage) is { } story && seen.Add(story.Id))
            {
                stories.Add(story);
            }
        }

        return stories;
    }

    private static NewsStory? BuildStory(RawItem item, RawFeed feed, FeedParseOptions options, string feedLanguage)
    {
        var title = HtmlText.ToPlainText(item.Title);
        var summary = HtmlText.ToPlainText(item.Summary);
        var language = LanguageTags.Normalize(item.Language, feedLanguage) ?? feedLanguage;
        var outlet = item.Outlet;
        var link = item.Link;
        switch (options.Kind)
        {
            case SourceKind.GoogleNews:
                (title, outlet) = SplitGoogleNewsTitle(title, outlet);
                link = RealArticleLink(link, item.Summary, item.LinkBase) ?? link;
                // Google's description repeats the title and the outlet; it says nothing more.
                if (summary.StartsWith(title, StringComparison.Ordinal))
                {
                    summary = "";
                }

                break;
            case SourceKind.Edgar:
                outlet = EdgarOutlet;
                break;
        }

        var url = StoryUrl.Canonicalize(link, item.LinkBase ?? options.BaseUri);
        if (url is null || title.Length == 0)
        {
            return null;
        }

        return new NewsStory(
            Id: StoryUrl.IdOf(url),
            Title: title,
            Url: url,
            PublishedAt: FeedDates.Parse(item.Published, language),
            Summary: summary,
            Language: language,
            Source: outlet ?? options.SourceName ?? feed.Title ?? new Uri(url).Host,
            Fingerprint: TitleFingerprint.Compute(title));
    }

    /// <summary>"OpenAI signs deal - Reuters" with source "Reuters" → ("OpenAI signs deal", "Reuters").</summary>
    internal static (string Title, string? Outlet) SplitGoogleNewsTitle(string title, string? outlet)
    {
        if (outlet is not null && title.EndsWith(" - " + outlet, StringComparison.Ordinal))
        {
            return (title[..^(outlet.Length + 3)].TrimEnd(), outlet);
        }

        var dash = title.LastIndexOf(" - ", StringComparison.Ordinal);
        if (outlet is null && dash > 0 && title.Length - dash - 3 is > 0 and <= 60)
        {
            return (title[..dash].TrimEnd(), title[(dash + 3)..].Trim());
        }

        return (title, outlet);
    }

    // Google News links go through news.google.com; when the item also links the article itself, prefer that.
    private static string? RealArticleLink(string? link, string? descriptionHtml, Uri? baseUri)
    {
        if (IsGoogleNewsLink(link, baseUri) is false)
        {
            return link;
        }

        if (descriptionHtml is null)
        {
            return null;
        }

        foreach (Match m in HrefRegex().Matches(descriptionHtml))
        {
            var href = System.Net.WebUtility.HtmlDecode(m.Groups["href"].Value);
            if (IsGoogleNewsLink(href, baseUri) is false)
            {
                return href;
            }
        }

        return null;
    }

    private static bool? IsGoogleNewsLink(string? link, Uri? baseUri) =>
        StoryUrl.Canonicalize(link, baseUri) is { } url ? new Uri(url).Host.EndsWith("news.google.com", StringComparison.Ordinal) : null;

    private static string DescribeXmlError(XmlException ex, BoundedReadStream body)
    {
        if (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return "refused: the document carries a DTD; DTDs are never processed, so no external entity is read and no entity is expanded";
        }

        if (body.ReachedEnd && (ex.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("not closed", StringComparison.OrdinalIgnoreCase)))
        {
            return $"truncated: the XML ends before the document is complete (after {body.BytesRead:N0} bytes, line {ex.LineNumber})";
        }

        return $"malformed XML at line {ex.LineNumber}, position {ex.LinePosition}: {FirstLine(ex.Message)}";
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }

    [GeneratedRegex(@"href\s*=\s*[""'](?<href>[^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HrefRegex();
}
