using System.CommandLine;
using DealWatch.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.Commands;

/// <summary><c>dealwatch replay QUEUE</c>: moves messages from <c>QUEUE-poison</c> back to <c>QUEUE</c>.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var queue = new Argument<string>("queue") { Description = "The queue whose poison queue to replay: stories, alerts, email or teams." };
        var max = new Option<int>("--max") { Description = "The most messages to move.", DefaultValueFactory = _ => int.MaxValue };
        var prefix = CliStorage.PrefixOption();
        var command = new Command("replay", "Move messages from QUEUE-poison back to QUEUE, for another try.") { queue, max, prefix };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var storage = await CliStorage.ConnectAsync(result.GetValue(prefix), cancellationToken).ConfigureAwait(false);
            await using var services = CliServices.Build(storage.Configuration, LogLevel.Warning);
            var name = result.GetValue(queue)!;
            var moved = await services.GetRequiredService<PoisonReplayer>().ReplayAsync(name, result.GetValue(max), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Moved {moved} message(s) from {QueueNames.Poison(name)} back to {name}.");
            return 0;
        });
        return command;
    }
}
