using Microsoft.Extensions.Options;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Checks every configured Teams webhook URL at start-up: https, on a Workflows host (or one the operator allowed).
/// Messages name the setting and the host, never the URL: its query string holds the flow's signature.
/// </summary>
internal sealed class TeamsWebhookValidation : IValidateOptions<TeamsOptions>
{
    /// <summary>
    /// Hosts of Teams Workflows webhooks: Power Automate flows created before late 2025 are served from Logic Apps
    /// (<c>prod-NN.region.logic.azure.com</c>), newer ones from the environment's Power Platform API
    /// (<c>defaultTENANT.NN.environment.api.powerplatform.com</c>).
    /// </summary>
    internal static IReadOnlyList<string> WorkflowHosts { get; } = ["logic.azure.com", "environment.api.powerplatform.com"];

    /// <summary>
    /// Hosts of Office 365 connector (Incoming Webhook) URLs. Microsoft retired those connectors in Teams
    /// (announced July 2024, final date extended to 2026); their MessageCard webhooks no longer post.
    /// </summary>
    internal static IReadOnlyList<string> RetiredConnectorHosts { get; } = ["webhook.office.com", "outlook.office.com", "outlook.office365.com"];

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var host in options.AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim().TrimStart('*', '.')) == UriHostNameType.Unknown)
            {
                failures.Add($"{TeamsOptions.SectionName}:AllowedHosts has an entry that is not a host name ('{host}').");
            }
        }

        foreach (var (webhook, value) in options.Webhooks)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue; // No URL: the posts for this name go to the outbox.
            }

            if (Check(webhook, value.Trim(), options) is { } failure)
            {
                failures.Add(failure);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Check(string webhook, string value, TeamsOptions options)
    {
        var key = $"{TeamsOptions.SectionName}:Webhooks:{webhook}";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return $"{key} is not an absolute https URL.";
        }

        var host = url.IdnHost;
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            return options.AllowInsecureHttp && url.IsLoopback
                ? null
                : $"{key} must use https (host '{host}'); http is accepted only on a loopback host with {TeamsOptions.SectionName}:AllowInsecureHttp set to true.";
        }

        if (options.AllowInsecureHttp && url.IsLoopback)
        {
            return null;
        }

        if (IsUnder(host, options.AllowedHosts) || IsUnder(host, WorkflowHosts))
        {
            return null;
        }

        if (IsUnder(host, RetiredConnectorHosts))
        {
            return $"{key} is an Office 365 connector (Incoming Webhook) URL on '{host}'. Microsoft retired those connectors in Teams: "
                + "create a Workflows webhook instead (channel ⋯ > Workflows > \"Send webhook alerts to a channel\") and configure its URL.";
        }

        return $"{key} is on host '{host}', which is not a Teams Workflows host (*.{string.Join(", *.", WorkflowHosts)}). "
            + $"If the host is yours, add it to {TeamsOptions.SectionName}:AllowedHosts.";
    }

    /// <summary>True when <paramref name="host"/> is one of <paramref name="suffixes"/> or a subdomain of one.</summary>
    internal static bool IsUnder(string host, IEnumerable<string> suffixes)
    {
        foreach (var entry in suffixes)
        {
            var suffix = entry.Trim().TrimStart('*').TrimStart('.');
            if (suffix.Length == 0)
            {
                continue;
            }

            if (host.Equals(suffix, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
