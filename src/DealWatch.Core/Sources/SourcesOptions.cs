using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Sources;

/// <summary>The wire format a news source speaks.</summary>
public enum SourceKind
{
    /// <summary>RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 1.0, detected from the document.</summary>
    Feed,
    /// <summary>鉅亨網 (cnyes) JSON news list: <c>items.data[]</c> with <c>newsId</c>, <c>title</c>, <c>summary</c>, <c>publishAt</c>.</summary>
    Cnyes,
    /// <summary>Google News RSS search: titles end in " - Outlet", the outlet is in <c>&lt;source&gt;</c>.</summary>
    GoogleNews,
    /// <summary>SEC EDGAR "current filings" Atom; needs a User-Agent with a contact email.</summary>
    Edgar,
}

/// <summary>
/// Section <c>DealWatch:Sources</c>. Its numbered children (a JSON array) are the sources; its named children are
/// the polling settings. In JSON an array cannot also carry named keys, so set those from another layer
/// (<c>DealWatch__Sources__MaxBodyBytes</c>) or write the section as an object with keys "0", "1", ... .
/// </summary>
public sealed class SourcesOptions
{
    public const string SectionName = "DealWatch:Sources";

    /// <summary>The configured sources, in configuration order.</summary>
    public List<NewsSourceOptions> Items { get; set; } = [];

    /// <summary>Largest body accepted (after decompression), in bytes; a longer body is refused while it is read.</summary>
    [Range(1024, 1L << 31, ErrorMessage = "DealWatch:Sources:MaxBodyBytes must be between 1 KiB and 2 GiB.")]
    public long MaxBodyBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Time allowed for one poll of one source, from request to the last byte of the body.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "DealWatch:Sources:Timeout must be between 1 second and 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent sent to every source.</summary>
    [Required(ErrorMessage = "DealWatch:Sources:UserAgent is required.")]
    public string UserAgent { get; set; } = "DealWatch/1.0 (+https://github.com/dealwatch)";

    /// <summary>
    /// A contact email for the operator. SEC EDGAR refuses requests whose User-Agent names no contact; it is
    /// required when an <c>edgar</c> source is enabled, and added to the User-Agent of those requests.
    /// </summary>
    [EmailAddress(ErrorMessage = "DealWatch:Sources:ContactEmail must be an email address.")]
    public string? ContactEmail { get; set; }

    /// <summary>How long a source rests after failures.</summary>
    public SourceBackoffOptions Backoff { get; set; } = new();

    /// <summary>The enabled sources.</summary>
    public IEnumerable<NewsSourceOptions> Enabled => Items.Where(s => s.Enabled);

    /// <summary>Binds the numbered children of <paramref name="section"/> as sources (the named ones bind to the settings).</summary>
    internal static List<NewsSourceOptions> ReadItems(IConfigurationSection section)
    {
        var items = new List<NewsSourceOptions>();
        foreach (var child in section.GetChildren()
                     .Where(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                     .OrderBy(c => int.Parse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture)))
        {
            var item = new NewsSourceOptions();
            child.Bind(item);
            items.Add(item);
        }

        return items;
    }
}

/// <summary>One news source.</summary>
public sealed class NewsSourceOptions
{
    /// <summary>Unique name; it keys the source's row in the <c>sources</c> table and is the default outlet name.</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string Name { get; set; } = "";

    /// <summary>Absolute http or https URL.</summary>
    [Required]
    public string Url { get; set; } = "";

    /// <summary>The wire format.</summary>
    public SourceKind Kind { get; set; } = SourceKind.Feed;

    /// <summary>The language of stories that do not say theirs (BCP 47: <c>en</c>, <c>zh-Hant</c>).</summary>
    [Required, RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", ErrorMessage = "A source's Language must be a BCP 47 tag such as 'en' or 'zh-Hant'.")]
    public string Language { get; set; } = "en";

    /// <summary>False keeps the source configured but unpolled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second allowed to this source's host (EDGAR asks for at most 10); 0 for no limit.</summary>
    [Range(0, 1000)]
    public double MaxRequestsPerSecond { get; set; }
}

/// <summary>Exponential backoff after failures: <c>Initial × 2^(failures−1)</c>, capped at <c>Max</c>.</summary>
public sealed class SourceBackoffOptions
{
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "DealWatch:Sources:Backoff:Initial must be between 1 second and 1 day.")]
    public TimeSpan Initial { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "DealWatch:Sources:Backoff:Max must be between 1 second and 7 days.")]
    public TimeSpan Max { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The rest after <paramref name="consecutiveFailures"/> failures in a row.</summary>
    public TimeSpan After(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(consecutiveFailures - 1, 30);
        var ticks = Initial.Ticks * Math.Pow(2, exponent);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>Checks every source (annotations, absolute http/https URL, unique names) and the EDGAR contact.</summary>
internal sealed class SourcesOptionsValidation : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Items.Count; i++)
        {
            var item = options.Items[i];
            OptionsChecks.Annotations(item, $"{SourcesOptions.SectionName}:{i}", failures);
            if (!OptionsChecks.IsHttpUrl(item.Url))
            {
                failures.Add($"{SourcesOptions.SectionName}:{i}:Url: '{item.Url}' is not an absolute http or https URL.");
            }
        }

        failures.AddRange(options.Items.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{SourcesOptions.SectionName}: the name '{g.Key}' is used by {g.Count()} sources."));
        if (options.Backoff.Max < options.Backoff.Initial)
        {
            failures.Add($"{SourcesOptions.SectionName}:Backoff:Max must not be shorter than Backoff:Initial.");
        }

        if (options.Enabled.Any(s => s.Kind == SourceKind.Edgar) && string.IsNullOrWhiteSpace(options.ContactEmail))
        {
            failures.Add($"{SourcesOptions.SectionName}:ContactEmail is required when an edgar source is enabled: SEC EDGAR asks every client to name a contact in its User-Agent.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
