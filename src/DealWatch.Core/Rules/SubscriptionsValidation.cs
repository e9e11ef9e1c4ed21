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
            OptionsChecks.Annotations(item, $"{SubscriptionsOptions.SectionName}:{i}", failures);
            OptionsChecks.Annotations(item.Deals, $"{SubscriptionsOptions.SectionName}:{i}", failures);
        }

        failures.AddRange(options.Items.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{SubscriptionsOptions.SectionName}: the name '{g.Key}' is used by {g.Count()} subscriptions."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
