using System.Net;
using System.Text.Json;

namespace DealWatch.Core.Delivery;

/// <summary>Reads the reason out of a provider's error body, for <see cref="DeliveryResult.Detail"/> and logs.</summary>
internal static class ProviderAnswer
{
    private const int MaxReasonLength = 1000;

    /// <summary>
    /// SendGrid: <c>{"errors":[{"message","field","help"}]}</c>; Logic Apps / Power Automate:
    /// <c>{"error":{"code","message"}}</c>; otherwise the start of the body as text.
    /// </summary>
    public static string Reason(HttpStatusCode status, string? body)
    {
        var prefix = $"{(int)status} {status}";
        if (string.IsNullOrWhiteSpace(body))
        {
            return prefix;
        }

        var details = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray())
                {
                    var message = Text(error, "message");
                    var field = Text(error, "field");
                    if (message is not null)
                    {
                        details.Add(field is null ? message : $"{message} (field {field})");
                    }
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = Text(error, "code");
                var message = Text(error, "message");
                details.Add(code is null ? message ?? "" : $"{code}: {message}");
            }
        }
        catch (JsonException)
        {
            details.Add(MarkupSafety.PlainLine(body, 300));
        }

        if (details.Count == 0)
        {
            details.Add(MarkupSafety.PlainLine(body, 300));
        }

        return MarkupSafety.PlainLine($"{prefix}: {string.Join("; ", details)}", MaxReasonLength);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
