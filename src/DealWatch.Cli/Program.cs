using System.CommandLine;
using DealWatch.Cli.Commands;
using Microsoft.Extensions.Options;

var root = new RootCommand("DealWatch: alerts on AI compute deals and the market's reaction.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

// Expected failures (a wrong setting, storage or Azurite out of reach, a queue that is not ours) end with one line on
// stderr and a non-zero exit, not a stack trace.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"dealwatch: configuration is not valid: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
    return 2;
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or TimeoutException or IOException or Azure.RequestFailedException or HttpRequestException)
{
    await Console.Error.WriteLineAsync("dealwatch: " + ex.Message.ReplaceLineEndings(" ")).ConfigureAwait(false);
    return 1;
}
