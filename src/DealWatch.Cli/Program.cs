using System.CommandLine;
using DealWatch.Cli.Commands;

var root = new RootCommand("DealWatch: alerts on AI compute deals and the market's reaction.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
