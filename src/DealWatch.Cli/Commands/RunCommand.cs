using System.CommandLine;
using DealWatch.Cli.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
            using var storage = await CliStorage.ConnectAsync(prefix: null, cancellationToken).ConfigureAwait(false);
            await using var services = CliServices.Build(storage.Configuration, result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            try
            {
                await services.GetRequiredService<LocalFunctionHost>().RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        });
        return command;
    }
}
