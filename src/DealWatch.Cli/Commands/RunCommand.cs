using System.CommandLine;
using DealWatch.Cli.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealWatch.Cli.Commands;

/// <summary><c>dealwatch run</c>: the local host on the configured sources and channels, until Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Log at Debug level." };
        var command = new Command("run", "Run every function on its trigger (timers on schedule, queues pumped) until Ctrl-C, as the Function App would.") { verbose };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build();
            AzuriteHandle? azurite = null;
            var overrides = new Dictionary<string, string?>();
            if (configuration["AzureWebJobsStorage"] is null or "" or "UseDevelopmentStorage=true")
            {
                azurite = await AzuriteLauncher.EnsureRunningAsync(AzuritePorts.Default, DemoCommand.AzuriteDataDirectory(), NullLogger.Instance, cancellationToken).ConfigureAwait(false);
                overrides["AzureWebJobsStorage"] = azurite.ConnectionString;
            }

            using (azurite)
            {
                await using var services = CliServices.Build(CliConfiguration.Build(overrides), result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
                try
                {
                    await services.GetRequiredService<LocalFunctionHost>().RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
            }

            return 0;
        });
        return command;
    }
}
