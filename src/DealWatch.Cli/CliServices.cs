using DealWatch.Cli.LocalHost;
using DealWatch.Core;
using DealWatch.Core.Storage;
using DealWatch.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Cli;

/// <summary>The services of the CLI's local host: everything the Function App registers, plus the local host itself.</summary>
internal static class CliServices
{
    /// <summary>Builds the container and validates every option now, as a host's start would.</summary>
    /// <exception cref="OptionsValidationException">A setting is missing or wrong; the message names it.</exception>
    public static ServiceProvider Build(IConfiguration configuration, LogLevel minimumLevel, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging
            .SetMinimumLevel(minimumLevel)
            .AddFilter("System.Net.Http", Max(LogLevel.Warning, minimumLevel))
            .AddFilter("Polly", Max(LogLevel.Warning, minimumLevel))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            }));
        services.AddDealWatch(configuration);
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton(_ => QueueHostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")));
        services.AddSingleton(sp => new LocalFunctionHost(
            typeof(PollNews).Assembly,
            configuration,
            sp.GetRequiredService<DealWatchStorage>(),
            sp.GetRequiredService<FunctionInvoker>(),
            sp.GetRequiredService<QueueHostSettings>(),
            // The host's own clock (polling back-off, timers, drain timeouts) is the real one, even when the domain's is a test's fake.
            TimeProvider.System,
            sp.GetRequiredService<ILoggerFactory>()));
        configure?.Invoke(services);

        return BuildValidated(services);
    }

    private static LogLevel Max(LogLevel a, LogLevel b) => a > b ? a : b;

    /// <summary>
    /// Builds the provider (every registration checked) and runs every options validator registered with ValidateOnStart,
    /// as the generic host does at start.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static ServiceProvider BuildValidated(IServiceCollection services)
    {
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetService<IStartupValidator>()?.Validate();
        return provider;
    }
}
