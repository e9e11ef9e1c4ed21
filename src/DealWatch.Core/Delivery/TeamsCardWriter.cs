using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Writes the body of a Teams Workflows webhook post: a <c>message</c> with exactly one Adaptive Card 1.5
/// attachment, built with System.Text.Json. Story texts are in RichTextBlock TextRuns (which Adaptive Cards never
/// read as markdown) and are neutralised anyway; headline and facts are TextBlock/FactSet, whose markdown is
/// defused by the composer. The post stays under <see cref="MaxBodyBytes"/>: the sources list is cut ("+N more")
/// until it fits.
/// </summary>
internal static class TeamsCardWriter
{
    /// <summary>
    /// The budget for the whole JSON body. Teams refuses messages over about 28 KB ("Request Entity too large");
    /// the flow's own wrapping counts toward that limit, so the card keeps a margin below it.
    /// </summary>
    public const int MaxBodyBytes = 24 * 1024;

    /// <summary>Sources shown before "+N more", even when more would fit: a card is a notification, not a list.</summary>
    public const int MaxSourcesShown = 10;

    public const string AdaptiveCardVersion = "1.5";
    public const string AdaptiveCardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    // Keeps Chinese readable (3 bytes a character instead of a 6-byte \uXXXX escape) and still escapes < > & ' ".
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = false };

    public static string Write(AlertView view, Phrases phrases)
    {
        var shown = Math.Min(view.Sources.Count, MaxSourcesShown);
        var body = Serialize(view, phrases, shown);
        if (Encoding.UTF8.GetByteCount(body) <= MaxBodyBytes)
        {
            return body;
        }

        // The largest number of sources that fits: fewer sources always make a smaller card, so search for it.
        int low = 0, high = shown - 1;
        var best = Serialize(view, phrases, 0);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var candidate = Serialize(view, phrases, middle);
            if (Encoding.UTF8.GetByteCount(candidate) <= MaxBodyBytes)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (Encoding.UTF8.GetByteCount(best) > MaxBodyBytes)
        {
            throw new InvalidOperationException($"The Teams card of alert {view.AlertId} is over {MaxBodyBytes} bytes even without sources.");
        }

        return best;
    }

    public static string WriteDigest(IReadOnlyList<AlertView> views, Phrases phrases, DateOnly day)
    {
        var title = MarkupSafety.PlainLine(phrases.DigestSubject(day, views.Count), 200);
        var shown = views.Count;
        while (true)
        {
            var body = new JsonArray
            {
                TextBlock(title, size: "Medium", weight: "Bolder"),
                TextBlock(views.Count == 0 ? phrases.DigestEmpty : phrases.DigestIntro(day, views.Count), subtle: true),
            };
            foreach (var view in views.Take(shown))
            {
                body.Add(TextBlock(view.KindLabel, subtle: true, size: "Small", separator: true));
                body.Add(TextBlock(view.Headline, weight: "Bolder"));
                if (view.Sources.FirstOrDefault() is { } first)
                {
                    body.Add(SourceBlock(first));
                }
            }

            if (views.Count > shown)
            {
                body.Add(TextBlock(phrases.MoreSources(views.Count - shown), subtle: true));
            }

            var json = Message(body, actions: null);
            if (Encoding.UTF8.GetByteCount(json) <= MaxBodyBytes || shown == 0)
            {
                return json;
            }

            shown = shown * 3 / 4;
        }
    }

    private static string Serialize(AlertView view, Phrases phrases, int sourcesShown)
    {
        var body = new JsonArray
        {
            TextBlock(view.KindLabel, subtle: true, size: "Small"),
            TextBlock(view.Headline, size: "Medium", weight: "Bolder", spacing: "None"),
        };

        if (view.Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var fact in view.Facts)
            {
                facts.Add(new JsonObject { ["title"] = fact.Title, ["value"] = fact.Value });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        if (view.Sources.Count > 0)
        {
            body.Add(TextBlock(phrases.SourcesHeading, weight: "Bolder", separator: true));
            foreach (var source in view.Sources.Take(sourcesShown))
            {
                body.Add(SourceBlock(source));
            }

            if (view.Sources.Count > sourcesShown)
            {
                body.Add(TextBlock(phrases.MoreSources(view.Sources.Count - sourcesShown), subtle: true, spacing: "Small"));
            }
        }

        body.Add(TextBlock(view.Footer, subtle: true, size: "Small", separator: true));

        JsonArray? actions = null;
        if (view.Sources.FirstOrDefault(s => s.Link is not null) is { Link: { } link })
        {
            actions = [new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = phrases.ReadFirstStory, ["url"] = link.AbsoluteUri }];
        }

        return Message(body, actions);
    }

    /// <summary>A story as a RichTextBlock: its title (a link when http(s)), then the outlet and time, subtle.</summary>
    private static JsonObject SourceBlock(ViewSource source)
    {
        var title = new JsonObject { ["type"] = "TextRun", ["text"] = source.Title };
        if (source.Link is { } link)
        {
            title["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = link.AbsoluteUri };
        }

        var inlines = new JsonArray { title };
        var meta = string.Join(", ", new[] { source.Outlet, source.PublishedAt }.Where(s => !string.IsNullOrEmpty(s)));
        if (meta.Length > 0)
        {
            inlines.Add(new JsonObject { ["type"] = "TextRun", ["text"] = " — " + meta, ["isSubtle"] = true });
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = inlines, ["spacing"] = "Small" };
    }

    private static JsonObject TextBlock(string text, bool subtle = false, string? size = null, string? weight = null, string? spacing = null, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        if (separator)
        {
            block["separator"] = true;
        }

        return block;
    }

    private static string Message(JsonArray body, JsonArray? actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = AdaptiveCardSchema,
            ["version"] = AdaptiveCardVersion,
            ["body"] = body,
        };
        if (actions is not null)
        {
            card["actions"] = actions;
        }

        card["msteams"] = new JsonObject { ["width"] = "Full" };
        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = AdaptiveCardContentType,
                    ["contentUrl"] = null,
                    ["content"] = card,
                },
            },
        };
        return message.ToJsonString(Json);
    }
}
