using DealWatch.Core.Classification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DealWatch.Tests.Classification;

public sealed class ClassificationRegistrationTests
{
    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddDealWatchClassification(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Validate_EndpointWithoutKey_FailsNamingTheSetting()
    {
        var provider = Build(new() { ["DealWatch:Classification:Language:Endpoint"] = "http://127.0.0.1:1/" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("DealWatch:Classification:Language:Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonPositiveRate_FailsNamingTheCurrency()
    {
        var provider = Build(new() { ["DealWatch:Classification:UsdRates:TWD"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("DealWatch:Classification:UsdRates:TWD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDealWatchClassification_ConfiguredRate_IsUsedForConversion()
    {
        var provider = Build(new() { ["DealWatch:Classification:UsdRates:EUR"] = "1.5" });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var result = provider.GetRequiredService<IDealClassifier>().Classify(new StoryText("e", "Aurex AI signs €2 billion compute deal with Fluidstack"));
        Assert.Equal(3_000_000_000m, result.AmountUsd);
        Assert.Equal("EUR", result.Currency);
    }

    [Fact]
    public void AddDealWatchClassification_CalledTwice_RegistersOneClassifier()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddDealWatchClassification(configuration);
        services.AddDealWatchClassification(configuration);
        Assert.Single(services, d => d.ServiceType == typeof(IDealClassifier));
    }
}
