using BenchmarkDotNet.Running;

namespace DealWatch.Benchmarks;

/// <summary>dotnet run -c Release --project benchmarks/DealWatch.Benchmarks -- --filter '*' --job short</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
