using System.CommandLine;
using DealWatch.Cli.Commands;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Storage;
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

    /// <summary>The verbs' <c>--prefix</c> option: the storage prefix of the tables and queues to use.</summary>
    public static Option<string?> PrefixOption() =>
        new("--prefix") { Description = "Storage prefix of the tables and queues to read (the demo uses 'demo')." };

    /// <summary>The CLI's configuration, with Azurite started when no other storage is configured.</summary>
    /// <param name="prefix">The storage prefix to use instead of the configured one (<see cref="PrefixOption"/>); null keeps it.</param>
    /// <param name="cancellationToken">Stops waiting for Azurite.</param>
    /// <exception cref="InvalidOperationException">Azurite was needed and could not be started.</exception>
    public static async Task<CliStorage> ConnectAsync(string? prefix, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (prefix is not null)
        {
            overrides[$"{StorageOptions.SectionName}:Prefix"] = prefix;
        }

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
