using System.Text;
using System.Text.RegularExpressions;

namespace DealWatch.Core.Sources;

/// <summary>
/// Finds the character encoding of a feed body from its first bytes. In order: a byte-order mark; the bytes of
/// "&lt;?" in UTF-16; the XML declaration's <c>encoding</c>; the HTTP <c>charset</c>; UTF-8. The declaration is
/// preferred over the HTTP charset because servers often send a default charset (ISO-8859-1, UTF-8) that the
/// document contradicts. ISO-8859-1 and US-ASCII are read as windows-1252, as browsers do. Big5, GBK and other
/// legacy code pages come from <see cref="CodePagesEncodingProvider"/>.
/// </summary>
internal static partial class FeedEncoding
{
    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding of a body that starts with <paramref name="prefix"/>, and how many BOM bytes to skip.</summary>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> prefix, string? httpCharset)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x3F, 0x00]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 0);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C, 0x00, 0x3F]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 0);
        }

        // The bytes are ASCII-compatible: read the declaration as Latin-1 (one char per byte).
        var head = Encoding.Latin1.GetString(prefix[..Math.Min(prefix.Length, 1024)]);
        var declaration = DeclarationRegex().Match(head);
        if (declaration.Success && FromName(declaration.Groups["enc"].Value) is { } declared)
        {
            return (declared, 0);
        }

        return (FromName(httpCharset) ?? new UTF8Encoding(false), 0);
    }

    /// <summary>The charset parameter of a Content-Type header, or null.</summary>
    public static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var m = CharsetRegex().Match(contentType);
        return m.Success ? m.Groups["cs"].Value : null;
    }

    private static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "utf-8" or "utf8":
                return new UTF8Encoding(false);
            case "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" or "iso8859-1":
                name = "windows-1252";
                break;
            case "big5-hkscs" or "x-big5" or "big-5" or "cn-big5":
                name = "big5";
                break;
            case "gb2312" or "x-gbk" or "gbk":
                name = "gb18030";
                break;
            case "utf-16" or "utf-16le" or "utf-16be" or "utf-32":
                // Declared UTF-16 without a BOM on ASCII-compatible bytes cannot be right; the bytes win.
                return null;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*?\bencoding\s*=\s*[""'](?<enc>[A-Za-z0-9._:\-]+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex DeclarationRegex();

    [GeneratedRegex(@"charset\s*=\s*[""']?(?<cs>[A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetRegex();
}
