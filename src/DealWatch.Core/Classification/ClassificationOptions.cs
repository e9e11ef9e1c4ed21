using System.ComponentModel.DataAnnotations;

namespace DealWatch.Core.Classification;

/// <summary>Settings of the compute-deal classifier (section <c>DealWatch:Classification</c>).</summary>
public sealed class ClassificationOptions : IValidatableObject
{
    public const string SectionName = "DealWatch:Classification";

    /// <summary>
    /// US dollars per unit of each currency, used to convert amounts written in other currencies
    /// (<c>DealWatch:Classification:UsdRates:TWD</c>). Never fetched: the values here, or configured, are the ones used.
    /// The defaults are approximate rates of late 2025.
    /// </summary>
    public Dictionary<string, decimal> UsdRates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 1m,
        ["EUR"] = 1.16m,
        ["GBP"] = 1.33m,
        ["TWD"] = 0.032m,
        ["JPY"] = 0.0065m,
        ["CNY"] = 0.14m,
        ["HKD"] = 0.128m,
        ["KRW"] = 0.00068m,
        ["SGD"] = 0.77m,
        ["AUD"] = 0.65m,
        ["CAD"] = 0.71m,
    };

    /// <summary>Smallest amount, in US dollars, that can be a deal's value; smaller ones are share prices and the like.</summary>
    [Range(0, 1e12)]
    public decimal MinimumDealUsd { get; set; } = 1_000_000m;

    /// <summary>Confidence from which a story is reported as a compute deal.</summary>
    [Range(0.01, 0.99)]
    public double DealThreshold { get; set; } = 0.5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, rate) in UsdRates)
        {
            if (code.Length != 3 || rate <= 0)
            {
                yield return new ValidationResult(
                    $"{SectionName}:UsdRates:{code} must be a three-letter ISO 4217 code with a positive rate (US dollars per unit).",
                    [nameof(UsdRates)]);
            }
        }
    }
}

/// <summary>
/// Optional enrichment of unsure stories by Azure AI Language entity recognition (section <c>DealWatch:Classification:Language</c>).
/// Off unless both <see cref="Endpoint"/> and <see cref="Key"/> are set.
/// </summary>
public sealed class LanguageServiceOptions : IValidatableObject
{
    public const string SectionName = "DealWatch:Classification:Language";

    /// <summary>The Language resource, e.g. <c>https://NAME.cognitiveservices.azure.com/</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The resource key, sent as <c>Ocp-Apim-Subscription-Key</c>. Never logged.</summary>
    public string? Key { get; set; }

    /// <summary>The REST API version of <c>:analyze-text</c>.</summary>
    [Required]
    public string ApiVersion { get; set; } = "2023-04-01";

    /// <summary>Lower end of the band of local confidence in which a story counts as unsure and is sent.</summary>
    [Range(0.0, 1.0)]
    public double UnsureFrom { get; set; } = 0.2;

    /// <summary>Upper end of that band.</summary>
    [Range(0.0, 1.0)]
    public double UnsureTo { get; set; } = 0.8;

    /// <summary>Longest text sent for one story; the service caps a document at 5,120 characters.</summary>
    [Range(100, 5120)]
    public int MaxCharacters { get; set; } = 5120;

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Key);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UnsureFrom > UnsureTo)
        {
            yield return new ValidationResult($"{SectionName}:UnsureFrom must not exceed {SectionName}:UnsureTo.", [nameof(UnsureFrom), nameof(UnsureTo)]);
        }
        if (Endpoint is not null && !Endpoint.IsAbsoluteUri)
        {
            yield return new ValidationResult($"{SectionName}:Endpoint must be an absolute URL.", [nameof(Endpoint)]);
        }
        if ((Endpoint is null) != string.IsNullOrWhiteSpace(Key))
        {
            yield return new ValidationResult($"{SectionName}:Endpoint and {SectionName}:Key must be set together.", [nameof(Endpoint), nameof(Key)]);
        }
    }
}
