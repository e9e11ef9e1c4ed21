using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using DealWatch.Core.Sources;

namespace DealWatch.Cli.Commands;

/// <summary>
/// <c>dealwatch feed PATH|URL</c>: parses one feed and prints its stories as JSON Lines. A feed that cannot be
/// read exits 1 with one line on stderr.
/// </summary>
internal static class FeedCommand
{
    private const long MaxBodyBytes = 10L * 1024 * 1024;

    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A feed file, or an http(s) URL to fetch." };
        var kind = new Option<string?>("--kind") { Description = "feed, cnyes, googlenews or edgar (default: from the URL or file, else feed)." };
        kind.AcceptOnlyFromAmong("feed", "cnyes", "googlenews", "edgar");
        var language = new Option<string>("--language") { Description = "Language of stories that do not say theirs.", DefaultValueFactory = _ => "en" };
        var baseUrl = new Option<string?>("--base") { Description = "Resolve a file's relative links against this URL." };
        var command = new Command("feed", "Parse one feed and print its stories as JSON Lines (id, title, url, publishedAt, summary, language, source).")
        {
            source, kind, language, baseUrl,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var input = result.GetValue(source)!;
            try
            {
                var parsed = await ReadAsync(input, result.GetValue(kind), result.GetValue(language)!, result.GetValue(baseUrl), cancellationToken).ConfigureAwait(false);
                if (!parsed.Succeeded)
                {
                    return Fail(parsed.Error!);
                }

                await WriteJsonLinesAsync(parsed.Stories, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or UnauthorizedAccessException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return Fail(ex is TaskCanceledException ? "timed out fetching the feed" : ex.Message);
            }
        });
        return command;
    }

    private static async Task<FeedParseResult> ReadAsync(string input, string? kindName, string language, string? baseUrl, CancellationToken cancellationToken)
    {
        var isUrl = Uri.TryCreate(input, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
        var kind = kindName is not null ? Enum.Parse<SourceKind>(kindName, ignoreCase: true) : Guess(input, url);
        var options = new FeedParseOptions
        {
            Kind = kind,
            DefaultLanguage = language,
            MaxBodyBytes = MaxBodyBytes,
            BaseUri = isUrl ? url : baseUrl is not null ? new Uri(baseUrl) : null,
        };
        if (!isUrl)
        {
            if (!File.Exists(input))
            {
                throw new FileNotFoundException($"no such file: {input}");
            }

            await using var file = File.OpenRead(input);
            return await NewsFeedParser.ParseAsync(file, options, cancellationToken).ConfigureAwait(false);
        }

        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, ConnectTimeout = TimeSpan.FromSeconds(15) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", "DealWatch/1.0 (dealwatch feed)");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {url!.Host}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await NewsFeedParser.ParseAsync(body, options with
        {
            BaseUri = response.RequestMessage?.RequestUri ?? url,
            ContentType = response.Content.Headers.ContentType?.ToString(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static SourceKind Guess(string input, Uri? url) => url?.Host switch
    {
        "news.google.com" => SourceKind.GoogleNews,
        "www.sec.gov" or "sec.gov" => SourceKind.Edgar,
        "api.cnyes.com" => SourceKind.Cnyes,
        _ => input.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? SourceKind.Cnyes : SourceKind.Feed,
    };

    private static async Task WriteJsonLinesAsync(IReadOnlyList<NewsStory> stories, CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        var stdout = Console.Out;
        foreach (var story in stories)
        {
            line.SetLength(0);
            await using (var writer = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("id", story.Id);
                writer.WriteString("title", story.Title);
                writer.WriteString("url", story.Url);
                if (story.PublishedAt is { } published)
                {
                    writer.WriteString("publishedAt", published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNull("publishedAt");
                }

                writer.WriteString("summary", story.Summary);
                writer.WriteString("language", story.Language);
                writer.WriteString("source", story.Source);
                writer.WriteString("fingerprint", story.Fingerprint);
                writer.WriteEndObject();
            }

            await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length).AsMemory(), cancellationToken).ConfigureAwait(false);
            await stdout.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dealwatch feed: " + message.ReplaceLineEndings(" "));
        return 1;
    }
}
