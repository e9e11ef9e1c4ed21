using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Classification;

/// <summary>An organisation the Language service found: where it is in the text sent (UTF-16 offsets) and how sure it is.</summary>
internal readonly record struct RecognisedOrganisation(int Offset, int Length, double Confidence);

/// <summary>The outcome of one entity-recognition call: the organisations, or why there are none.</summary>
internal sealed record EntityRecognitionOutcome(IReadOnlyList<RecognisedOrganisation> Organisations, string? Failure, HttpStatusCode? Status = null)
{
    public bool Succeeded => Failure is null;

    public static EntityRecognitionOutcome Failed(string reason, HttpStatusCode? status = null) => new([], reason, status);
}

/// <summary>
/// Azure AI Language entity recognition over REST: <c>POST {endpoint}/language/:analyze-text?api-version=...</c> with
/// <c>Ocp-Apim-Subscription-Key</c>, kind <c>EntityRecognition</c>, one document a call. Goes through the named
/// <see cref="HttpClientName"/> client, whose standard resilience handler retries throttling (429) and server errors.
/// </summary>
internal sealed class LanguageEntityClient(IHttpClientFactory httpClientFactory, IOptions<LanguageServiceOptions> options)
{
    public const string HttpClientName = "DealWatch.Classification.Language";

    /// <summary>Asks the service for the organisations in <paramref name="text"/>. Failures the service or the network can cause come back as a failed outcome.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<EntityRecognitionOutcome> RecognizeOrganisationsAsync(string text, string language, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return EntityRecognitionOutcome.Failed("not configured");

        var uri = new Uri($"{settings.Endpoint!.AbsoluteUri.TrimEnd('/')}/language/:analyze-text?api-version={Uri.EscapeDataString(settings.ApiVersion)}");
        var body = new AnalyzeTextRequest
        {
            AnalysisInput = new AnalysisInput { Documents = [new TextDocument { Id = "1", Language = ServiceLanguage(language), Text = text }] },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(body, LanguageJsonContext.Default.AnalyzeTextRequest),
        };
        request.Headers.Add("Ocp-Apim-Subscription-Key", settings.Key);

        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return EntityRecognitionOutcome.Failed($"HTTP {(int)response.StatusCode}", response.StatusCode);
            }
            var result = await response.Content.ReadFromJsonAsync(LanguageJsonContext.Default.AnalyzeTextResponse, cancellationToken).ConfigureAwait(false);
            var document = result?.Results?.Documents?.FirstOrDefault(d => d.Id == "1");
            if (document is null)
            {
                var error = result?.Results?.Errors?.FirstOrDefault()?.Error?.Message;
                return EntityRecognitionOutcome.Failed(error is null ? "no document in the answer" : $"document error: {error}", response.StatusCode);
            }
            var organisations = (document.Entities ?? [])
                .Where(e => string.Equals(e.Category, "Organization", StringComparison.OrdinalIgnoreCase) && e.Length > 0 && e.Offset >= 0)
                .Select(e => new RecognisedOrganisation(e.Offset, e.Length, e.ConfidenceScore))
                .ToList();
            return new EntityRecognitionOutcome(organisations, null, response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return EntityRecognitionOutcome.Failed($"request failed: {ex.Message}", ex.StatusCode);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return EntityRecognitionOutcome.Failed($"unreadable answer: {ex.Message}");
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            return EntityRecognitionOutcome.Failed("timed out");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return EntityRecognitionOutcome.Failed("circuit open after repeated failures");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return EntityRecognitionOutcome.Failed("timed out");
        }
    }

    /// <summary>The service's language codes are lower case (<c>zh-hant</c>); others pass through.</summary>
    private static string ServiceLanguage(string language) => language.ToLowerInvariant() switch
    {
        "zh-hant" or "zh-tw" or "zh-hk" => "zh-hant",
        "zh-hans" or "zh-cn" or "zh" => "zh-hans",
        var other => other.Split('-')[0],
    };
}

internal sealed class AnalyzeTextRequest
{
    [JsonPropertyName("kind")] public string Kind { get; init; } = "EntityRecognition";
    [JsonPropertyName("parameters")] public EntityTaskParameters Parameters { get; init; } = new();
    [JsonPropertyName("analysisInput")] public AnalysisInput AnalysisInput { get; init; } = new();
}

internal sealed class EntityTaskParameters
{
    [JsonPropertyName("modelVersion")] public string ModelVersion { get; init; } = "latest";
    /// <summary>Offsets in UTF-16 code units, as .NET strings count them.</summary>
    [JsonPropertyName("stringIndexType")] public string StringIndexType { get; init; } = "Utf16CodeUnit";
}

internal sealed class AnalysisInput
{
    [JsonPropertyName("documents")] public List<TextDocument> Documents { get; init; } = [];
}

internal sealed class TextDocument
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("language")] public string Language { get; init; } = "";
    [JsonPropertyName("text")] public string Text { get; init; } = "";
}

internal sealed class AnalyzeTextResponse
{
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("results")] public EntityResults? Results { get; init; }
}

internal sealed class EntityResults
{
    [JsonPropertyName("documents")] public List<EntityDocument>? Documents { get; init; }
    [JsonPropertyName("errors")] public List<DocumentError>? Errors { get; init; }
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; init; }
}

internal sealed class EntityDocument
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("entities")] public List<RecognisedEntity>? Entities { get; init; }
}

internal sealed class RecognisedEntity
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("subcategory")] public string? Subcategory { get; init; }
    [JsonPropertyName("offset")] public int Offset { get; init; }
    [JsonPropertyName("length")] public int Length { get; init; }
    [JsonPropertyName("confidenceScore")] public double ConfidenceScore { get; init; }
}

internal sealed class DocumentError
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("error")] public ServiceError? Error { get; init; }
}

internal sealed class ServiceError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

[JsonSerializable(typeof(AnalyzeTextRequest))]
[JsonSerializable(typeof(AnalyzeTextResponse))]
internal sealed partial class LanguageJsonContext : JsonSerializerContext;
