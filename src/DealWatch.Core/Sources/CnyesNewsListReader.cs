using System.Globalization;
using System.Text.Json;

namespace DealWatch.Core.Sources;

/// <summary>
/// Reads the 鉅亨網 (cnyes) news list API (<c>GET https://api.cnyes.com/media/api/v1/newslist/category/{category}</c>):
/// <c>{"statusCode":200,"message":"OK","items":{"total":...,"per_page":30,"current_page":1,"last_page":...,"data":[...]}}</c>,
/// each item with <c>newsId</c>, <c>title</c>, <c>summary</c> and <c>publishAt</c> (Unix seconds). The story URL is
/// <c>https://news.cnyes.com/news/id/{newsId}</c>.
/// </summary>
internal static class CnyesNewsListReader
{
    public const string StoryUrlPrefix = "https://news.cnyes.com/news/id/";

    /// <exception cref="FeedFormatException">The body is not a cnyes news list.</exception>
    /// <exception cref="JsonException">The JSON is malformed or cut short.</exception>
    public static async Task<RawFeed> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var head = new byte[256];
        var filled = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var start = head.AsSpan(0, filled).TrimStart(" \t\r\n"u8);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..].TrimStart(" \t\r\n"u8);
        }

        if (start.IsEmpty)
        {
            throw new FeedFormatException("empty body: the source answered with no content");
        }

        if (start[0] == (byte)'<')
        {
            var html = System.Text.Encoding.Latin1.GetString(start[..Math.Min(start.Length, 64)]).Contains("html", StringComparison.OrdinalIgnoreCase);
            throw new FeedFormatException(html ? "not a cnyes news list: this is an HTML page, not JSON" : "not a cnyes news list: the body is XML, not JSON");
        }

        var skip = filled - start.Length;
        using var document = await JsonDocument.ParseAsync(new PrefixedStream(head, skip, start.Length, body), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var data = root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object
            && items.TryGetProperty("data", out var list) && list.ValueKind == JsonValueKind.Array
                ? list
                : throw new FeedFormatException("not a cnyes news list: the JSON has no items.data array");

        var result = new List<RawItem>(data.GetArrayLength());
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Scalar(item, "newsId") is not { Length: > 0 } newsId)
            {
                continue;
            }

            result.Add(new RawItem(
                Title: Scalar(item, "title"),
                Link: StoryUrlPrefix + Uri.EscapeDataString(newsId),
                LinkBase: null,
                Summary: Scalar(item, "summary"),
                Published: PublishedAt(item),
                Language: null,
                Outlet: null));
        }

        return new RawFeed(result, "鉅亨網", null, "cnyes news list");
    }

    // publishAt is Unix seconds; written back as ISO 8601 so one date parser serves every source.
    private static string? PublishedAt(JsonElement item)
    {
        if (!item.TryGetProperty("publishAt", out var value))
        {
            return null;
        }

        long seconds;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            seconds = number;
        }
        else if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            seconds = parsed;
        }
        else
        {
            return null;
        }

        // A 13-digit value is milliseconds.
        if (seconds > 100_000_000_000)
        {
            seconds /= 1000;
        }

        return seconds <= 0 || seconds > 7_000_000_000 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("O", CultureInfo.InvariantCulture);
    }

    private static string? Scalar(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
