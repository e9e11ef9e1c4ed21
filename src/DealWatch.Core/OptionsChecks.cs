using System.ComponentModel.DataAnnotations;

namespace DealWatch.Core;

/// <summary>The checks the options validators share: an item's data annotations, and an absolute http or https URL.</summary>
internal static class OptionsChecks
{
    /// <summary>Adds each annotation failure of <paramref name="item"/> to <paramref name="failures"/>, after the setting's path.</summary>
    public static void Annotations(object item, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
    }

    /// <summary>True when <paramref name="value"/> is an absolute http or https URL.</summary>
    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
