using System.CommandLine;

namespace DealWatch.Cli.Commands;

/// <summary>Every verb of <c>dealwatch</c>; each lives in its own file and adds itself here.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return RunCommand.Create();
        yield return ReplayCommand.Create();
        yield return FeedCommand.Create();
        yield return SourcesCommand.Create();
        yield return ClassifyCommand.Create();
        yield return EvalCommand.Create();
    }
}
