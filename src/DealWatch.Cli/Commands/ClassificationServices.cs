using DealWatch.Core.Classification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DealWatch.Cli.Commands;

/// <summary>The services the classify and eval verbs need: the classifier alone, configured from appsettings.json beside the binary and environment variables; no storage.</summary>
internal static class ClassificationServices
{
    public static IConfiguration DefaultConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Builds the provider and runs the options' start-up validation, as a host would.</summary>
    /// <exception cref="OptionsValidationException">A classification setting is invalid.</exception>
    public static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddDealWatchClassification(configuration);
        return CliServices.BuildValidated(services);
    }
}
