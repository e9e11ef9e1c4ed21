using System.Globalization;
using System.Security;
using System.Text;

namespace DealWatch.Benchmarks.Pipeline;

/// <summary>
/// A synthetic RSS feed for the burst: <c>count</c> new stories, every tenth a compute deal between two made-up
/// companies (so that each deal is its own deal), the rest the everyday news the classifier must pass over.
/// </summary>
internal static class BurstFeed
{
    private static readonly string[] Heads = ["Var", "Orl", "Kest", "Bryn", "Tal", "Mor", "Quen", "Sel", "Dra", "Fen", "Hal", "Ost", "Pell", "Riv", "Zan", "Cor"];
    private static readonly string[] Middles = ["", "am", "el", "is", "or", "un", "ab", "ov", "ir", "et"];
    private static readonly string[] Tails = ["nex", "ith", "ova", "dor", "ium", "ara", "ent", "ex", "yx", "orn"];

    private static readonly string[] NonDeals =
    [
        "{0} shares fall {1}% after quarterly revenue misses estimates",
        "Dow closes down {1}% as bond yields climb",
        "{0} raises ${1} million in Series B funding led by venture firms",
        "{0} to spend ${1} billion on capital expenditure next year, CFO says",
        "{0} unveils new AI assistant for enterprise customers",
        "{0} in talks to buy chips, people familiar say; no deal agreed",
        "Regulators open antitrust probe into {0}",
        "{0} names new chief executive",
        "Nasdaq edges up {1}% in quiet trading",
    ];

    /// <summary>A company name of made-up syllables and a suffix, distinct for each index below 1,600.</summary>
    public static string Company(int index, string suffix) =>
        Heads[index % Heads.Length] + Middles[index / (Heads.Length * Tails.Length) % Middles.Length] + Tails[index / Heads.Length % Tails.Length] + " " + suffix;

    public static string Rss(int count, string baseUrl, DateTimeOffset published)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Burst Wire</title>");
        for (var i = 0; i < count; i++)
        {
            string title;
            if (i % 10 == 0)
            {
                var deal = i / 10;
                title = $"{Company(deal, "Labs")} signs ${2 + deal % 40} billion, {3 + deal % 5}-year GPU cloud capacity deal with {Company(deal + 7, "Compute")}";
            }
            else
            {
                title = string.Format(CultureInfo.InvariantCulture, NonDeals[i % NonDeals.Length], Company(i, "Systems"), 1 + i % 9);
            }

            xml.Append(CultureInfo.InvariantCulture, $"<item><title>{SecurityElement.Escape(title)}</title><link>{baseUrl}/story/{i}</link>")
               .Append(CultureInfo.InvariantCulture, $"<pubDate>{published.AddSeconds(i):R}</pubDate><description>Story {i} of the burst.</description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }
}
