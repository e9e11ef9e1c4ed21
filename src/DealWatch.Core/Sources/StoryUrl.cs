using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace DealWatch.Core.Sources;

/// <summary>
/// Canonical story URLs and the story ids hashed from them. Canonical means: absolute (resolved against the
/// feed or <c>xml:base</c>), http or https only, lower-case scheme and host, no default port, no fragment, no
/// tracking parameters (<c>Data/tracking-parameters.json</c>: utm_*, fbclid, gclid, mc_cid, ocid, ...), the
/// remaining query parameters sorted by name (stable for repeated names), percent-escapes upper-cased and
/// unreserved characters unescaped. The id ignores the scheme too, so http and https links to a story agree.
/// </summary>
public static class StoryUrl
{
    private static readonly TrackingTable Tracking = TrackingTable.Load();

    /// <summary>The canonical form of <paramref name="url"/>, or null when it is not an http(s) URL.</summary>
    /// <param name="url">The link as the feed wrote it (may be relative).</param>
    /// <param name="baseUri">What a relative link is relative to: the entry's <c>xml:base</c> or the feed's URL.</param>
    public static string? Canonicalize(string? url, Uri? baseUri = null)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        Uri? uri;
        if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https"))
        {
            // "/news/1" on Unix parses as an absolute file path: only http(s) counts as absolute here.
            if (baseUri is null || !Uri.TryCreate(baseUri, url, out uri))
            {
                return null;
            }
        }

        if (uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new StringBuilder(url.Length);
        builder.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        var path = uri.AbsolutePath;
        builder.Append(NormalizeEscapes(string.IsNullOrEmpty(path) ? "/" : path));
        var query = CanonicalQuery(uri.Query, uri.IdnHost.ToLowerInvariant());
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The story id for a canonical URL: the first 128 bits of the SHA-256 of the URL without its scheme, as 32
    /// lower-case hex digits.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="canonicalUrl"/> is null.</exception>
    public static string IdOf(string canonicalUrl)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        var schemeEnd = canonicalUrl.IndexOf("://", StringComparison.Ordinal);
        var withoutScheme = schemeEnd >= 0 ? canonicalUrl[(schemeEnd + 1)..] : canonicalUrl;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(withoutScheme), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static string CanonicalQuery(string query, string host)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var kept = new List<(string Name, string Pair)>();
        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals >= 0 ? pair[..equals] : pair).Replace('+', ' ');
            if (!Tracking.IsTracking(name, host))
            {
                kept.Add((name, NormalizeEscapes(pair)));
            }
        }

        return string.Join('&', kept.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Pair));
    }

    // Percent-escapes in upper case; escapes of unreserved characters (A-Z a-z 0-9 - . _ ~) decoded (RFC 3986 6.2.2).
    private static string NormalizeEscapes(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                var value = (char)Convert.ToInt32(text.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(value) || value is '-' or '.' or '_' or '~')
                {
                    builder.Append(value);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                }

                i += 2;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private sealed class TrackingTable(string[] prefixes, FrozenSet<string> names, FrozenDictionary<string, FrozenSet<string>> byHost)
    {
        public bool IsTracking(string name, string host)
        {
            if (names.Contains(name) || byHost.TryGetValue(host, out var local) && local.Contains(name))
            {
                return true;
            }

            foreach (var prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        public static TrackingTable Load()
        {
            var data = EmbeddedData.Load<TrackingData>("Sources.Data.tracking-parameters.json");
            return new TrackingTable(
                data.Prefixes.ToArray(),
                data.Names.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                data.ByHost.ToFrozenDictionary(h => h.Key, h => h.Value.ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase));
        }
    }

    private sealed record TrackingData(List<string> Prefixes, List<string> Names, Dictionary<string, List<string>> ByHost);
}
