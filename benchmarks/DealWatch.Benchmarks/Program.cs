using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/DealWatch.Benchmarks -- --filter '*'</c>.</summary>
public static partial class Program;
