using DealWatch.Cli.Commands;
using DealWatch.Cli.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealWatch.Cli;

/// <summary>
/// The storage a CLI verb works on: the configured <c>AzureWebJobsStorage</c>, or, when none is configured (or it is
/// <c>UseDevelopmentStorage=true</c>), the local Azurite, started from the repository when nothing listens.
/// </summary>
internal sealed class CliStorage : IDisposable
{
    private readonly AzuriteHandle? _azurite;

    private CliStorage(IConfigurationRoot configuration, AzuriteHandle? azurite)
    {
        Configuration = configuration;
        _azurite = azurite;
    }

    /// <summary>The CLI's configuration with the storage resolved.</summary>
    public IConfigurationRoot Configuration { get; }

    /// <exception cref="InvalidOperationException">Azurite was needed and could not be started.</exception>
    public static async Task<CliStorage> ConnectAsync(IDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var configuration = CliConfiguration.Build(overrides);
        if (configuration["AzureWebJobsStorage"] is not (null or "" or "UseDevelopmentStorage=true"))
        {
            return new CliStorage(configuration, null);
        }

        var azurite = await AzuriteLauncher.EnsureRunningAsync(AzuritePorts.Default, DemoCommand.AzuriteDataDirectory(), NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        overrides["AzureWebJobsStorage"] = azurite.ConnectionString;
        return new CliStorage(CliConfiguration.Build(overrides), azurite);
    }

    /// <summary>Stops an Azurite this verb started.</summary>
    public void Dispose() => _azurite?.Dispose();
}
