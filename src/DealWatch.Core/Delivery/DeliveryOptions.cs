using System.ComponentModel.DataAnnotations;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Email delivery (<c>DealWatch:Email</c>). With <see cref="SendGridApiKey"/> set, mail goes through SendGrid's
/// v3 API; without it, every message is written to the outbox as an <c>.eml</c> file.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "DealWatch:Email";

    /// <summary>SendGrid API key (a secret: never logged). Empty means "write to the outbox".</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>SendGrid's API host; a setting so that tests point it at a local fake. https, or http on a loopback host.</summary>
    public Uri SendGridBaseUrl { get; set; } = new("https://api.sendgrid.com");

    /// <summary>The sender address (a verified SendGrid sender). Required with an API key.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "DealWatch";

    /// <summary>
    /// Time one send may take, retries of 429 and 5xx answers included. When it is spent (or the provider asks to
    /// wait longer than what is left) the send gives up with <see cref="TransientDeliveryException"/> and the queue
    /// retries the message later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "DealWatch:Email:SendBudget must be between 00:00:01 and 00:10:00.")]
    public TimeSpan SendBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First back-off delay when the provider gives no Retry-After; doubled at each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "DealWatch:Email:RetryBaseDelay must be between 00:00:00.001 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most retries within one send (the budget usually ends them first).</summary>
    [Range(1, 20, ErrorMessage = "DealWatch:Email:MaxRetries must be between 1 and 20.")]
    public int MaxRetries { get; set; } = 6;

    /// <summary>True when mail goes to SendGrid rather than to the outbox.</summary>
    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);

    /// <summary>The sender address used for outbox files when none is configured.</summary>
    internal string FromOrDefault => string.IsNullOrWhiteSpace(From) ? "dealwatch@localhost" : From.Trim();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesSendGrid && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult(
                "DealWatch:Email:From is required when DealWatch:Email:SendGridApiKey is set (a sender address verified in SendGrid).",
                [nameof(From)]);
        }

        if (!string.IsNullOrWhiteSpace(From) && !MimeKit.MailboxAddress.TryParse(From.Trim(), out _))
        {
            yield return new ValidationResult("DealWatch:Email:From is not an email address.", [nameof(From)]);
        }

        if (SendGridBaseUrl is null || !SendGridBaseUrl.IsAbsoluteUri)
        {
            yield return new ValidationResult("DealWatch:Email:SendGridBaseUrl must be an absolute URL such as https://api.sendgrid.com.", [nameof(SendGridBaseUrl)]);
        }
        else if (!(SendGridBaseUrl.Scheme == Uri.UriSchemeHttps || (SendGridBaseUrl.Scheme == Uri.UriSchemeHttp && SendGridBaseUrl.IsLoopback)))
        {
            // The API key travels in the Authorization header: never in clear text beyond this machine.
            yield return new ValidationResult("DealWatch:Email:SendGridBaseUrl must be https (http only on a loopback host, for local fakes).", [nameof(SendGridBaseUrl)]);
        }
    }
}

/// <summary>
/// Teams delivery (<c>DealWatch:Teams</c>): the Workflows webhooks by name. A webhook name with no URL is written
/// to the outbox instead.
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "DealWatch:Teams";

    /// <summary>
    /// Webhook name → URL of a Teams Workflows "Send webhook alerts to a channel" flow. The URLs carry their
    /// signature in the query string: they are secrets, never logged nor put in exception messages.
    /// </summary>
    public Dictionary<string, string?> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Extra hosts the webhooks may be on, beside <c>*.logic.azure.com</c> and
    /// <c>*.environment.api.powerplatform.com</c>. <c>example.com</c> allows that host and its subdomains.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Allows http webhook URLs on a loopback host (local fakes). Never on a remote host.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Time one post may take, retries of 429 and 5xx answers included (see <see cref="EmailOptions.SendBudget"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "DealWatch:Teams:SendBudget must be between 00:00:01 and 00:10:00.")]
    public TimeSpan SendBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First back-off delay when the webhook gives no Retry-After; doubled at each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "DealWatch:Teams:RetryBaseDelay must be between 00:00:00.001 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most retries within one post.</summary>
    [Range(1, 20, ErrorMessage = "DealWatch:Teams:MaxRetries must be between 1 and 20.")]
    public int MaxRetries { get; set; } = 6;

    /// <summary>The URL configured for a webhook name, or null when there is none (the post goes to the outbox).</summary>
    public Uri? UrlOf(string webhook) =>
        Webhooks.TryGetValue(webhook, out var url) && !string.IsNullOrWhiteSpace(url) && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri : null;
}

/// <summary>The local outbox (<c>DealWatch:Outbox</c>): where deliveries without a configured provider are written.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "DealWatch:Outbox";

    /// <summary>The outbox folder; relative paths are taken from the current directory. Email goes to <c>email/</c>, Teams posts to <c>teams/</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DealWatch:Outbox:Directory must not be empty.")]
    public string Directory { get; set; } = "outbox";
}
