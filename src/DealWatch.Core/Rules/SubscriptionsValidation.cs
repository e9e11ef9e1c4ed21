using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Rules;

/// <summary>Validates every subscription (data annotations and its own rules) and that names are unique.</summary>
internal sealed class SubscriptionsValidation : IValidateOptions<SubscriptionsOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriptionsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Items.Count; i++)
        {
            var item = options.Items[i];
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true);
            Validator.TryValidateObject(item.Deals, new ValidationContext(item.Deals), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"{SubscriptionsOptions.SectionName}:{i}: {r.ErrorMessage}"));
        }

        failures.AddRange(options.Items.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{SubscriptionsOptions.SectionName}: the name '{g.Key}' is used by {g.Count()} subscriptions."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
