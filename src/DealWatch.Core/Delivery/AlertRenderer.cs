using DealWatch.Core.Alerts;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Renders alerts in English (<c>en</c>) or Traditional Chinese (<c>zh-Hant</c>), by <see cref="Alert.Language"/>:
/// an email (subject, plain text, HTML) and a Teams Workflows post (a message with one Adaptive Card 1.5).
/// Pure and thread-safe: the same alert always renders the same output, so a retried delivery sends the same message.
/// </summary>
/// <remarks>
/// Story titles, outlets and amounts as written come from outside: in HTML they are encoded and links are kept only
/// when http(s); in Teams cards they cannot inject markdown, mentions or links (see <c>docs/delivery.md</c>).
/// </remarks>
public sealed class AlertRenderer : IAlertRenderer
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="alert"/> is null.</exception>
    public RenderedEmail RenderEmail(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Kind == AlertKind.Digest)
        {
            return RenderDigest(alert.Items, alert.Language, alert.DigestDate ?? DateOnly.FromDateTime(alert.CreatedAt.UtcDateTime));
        }

        var phrases = Phrases.For(alert.Language);
        return EmailWriter.Write(new AlertComposer(phrases, Identity).Compose(alert), phrases);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="alert"/> is null.</exception>
    public string RenderTeamsCard(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var phrases = Phrases.For(alert.Language);
        var composer = new AlertComposer(phrases, MarkupSafety.NeutraliseMarkdown);
        if (alert.Kind == AlertKind.Digest)
        {
            var day = alert.DigestDate ?? DateOnly.FromDateTime(alert.CreatedAt.UtcDateTime);
            return TeamsCardWriter.WriteDigest(alert.Items.Select(composer.Compose).ToArray(), phrases, day);
        }

        return TeamsCardWriter.Write(composer.Compose(alert), phrases);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="alerts"/> is null.</exception>
    public RenderedEmail RenderDigest(IReadOnlyList<Alert> alerts, string language, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var phrases = Phrases.For(language);
        var composer = new AlertComposer(phrases, Identity);
        return EmailWriter.WriteDigest(alerts.Select(composer.Compose).ToArray(), phrases, day);
    }

    private static string Identity(string text) => text;
}
