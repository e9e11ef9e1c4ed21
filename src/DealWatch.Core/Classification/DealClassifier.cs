using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Classification;

/// <summary>
/// The classifier the pipeline calls: the local model for every story, and Azure AI Language entity recognition for the
/// stories it is unsure about (confidence within the configured band) when the service is configured. A failed call leaves
/// the local result as it was.
/// </summary>
internal sealed class DealClassifier(
    LocalDealClassifier local,
    LanguageEntityClient language,
    IOptions<LanguageServiceOptions> languageOptions,
    ILogger<DealClassifier> logger) : IDealClassifier
{
    private const double MinimumEntityConfidence = 0.5;

    public DealClassification Classify(StoryText story) => local.Classify(story);

    public async ValueTask<DealClassification> ClassifyAsync(StoryText story, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        cancellationToken.ThrowIfCancellationRequested();
        var result = local.Classify(story);
        var settings = languageOptions.Value;
        if (!settings.IsConfigured || result.Confidence < settings.UnsureFrom || result.Confidence > settings.UnsureTo)
        {
            return result;
        }

        // The text the local model read (title, '\n', summary), so the service's offsets point into the same string.
        var text = StoryDocument.JoinTitleAndSummary(story.Title ?? "", story.Summary);
        if (text.Length > settings.MaxCharacters) text = text[..settings.MaxCharacters];
        var outcome = await language.RecognizeOrganisationsAsync(text, result.Language, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            ClassificationLog.EnrichmentFailed(logger, story.Id, outcome.Failure!);
            return result;
        }

        var spans = outcome.Organisations
            .Where(o => o.Confidence >= MinimumEntityConfidence)
            .Select(o => (o.Offset, o.Offset + o.Length))
            .ToList();
        var enriched = spans.Count == 0 ? result : local.Classify(story, spans);
        ClassificationLog.Enriched(logger, story.Id, spans.Count, result.Confidence, enriched.Confidence);
        return enriched;
    }
}
