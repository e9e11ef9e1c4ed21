using BenchmarkDotNet.Running;

namespace DealWatch.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/DealWatch.Benchmarks -- --filter '*' --job short</c> runs the
/// BenchmarkDotNet benchmarks; <c>-- pipeline [--stories 1000]</c> runs the end-to-end burst on Azurite.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "pipeline")
        {
            return await Pipeline.PipelineBurst.RunAsync(args).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
