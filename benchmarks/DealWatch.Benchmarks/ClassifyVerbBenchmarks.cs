using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DealWatch.Cli.Commands;
using DealWatch.Core.Classification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Benchmarks;

/// <summary>
/// <c>dealwatch classify</c> on a 30,000-line file against a baseline that only reads and writes the same JSON Lines
/// (parse each story, write it back), both from a file to a file.
/// </summary>
[MemoryDiagnoser]
public class ClassifyVerbBenchmarks
{
    public const int Lines = 30_000;
    private string _input = "";
    private string _output = "";
    private ServiceProvider _services = null!;
    private IDealClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = BenchmarkStories.Stories();
        _input = Path.Combine(Path.GetTempPath(), $"dealwatch-bench-{Environment.ProcessId}.jsonl");
        _output = _input + ".out";
        using (var writer = new StreamWriter(_input, false, new UTF8Encoding(false)))
        {
            for (var i = 0; i < Lines; i++)
            {
                var story = source[i % source.Length] with { Id = $"s{i}" };
                writer.WriteLine(JsonSerializer.Serialize(story, ClassificationJsonContext.Default.StoryText));
            }
        }
        _services = ClassificationServices.Build(new ConfigurationBuilder().Build());
        _classifier = _services.GetRequiredService<IDealClassifier>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        File.Delete(_input);
        File.Delete(_output);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> ReadWriteJsonOnly()
    {
        await using var input = new FileStream(_input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using var output = new FileStream(_output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        using var reader = new StreamReader(input, Encoding.UTF8, true, 1 << 16);
        var buffer = new ArrayBufferWriter<byte>(1 << 17);
        await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var count = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            var story = JsonSerializer.Deserialize(line, ClassificationJsonContext.Default.StoryText)!;
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, story, ClassificationJsonContext.Default.StoryText);
            writer.Flush();
            buffer.Write("\n"u8);
            count++;
            if (buffer.WrittenCount > 1 << 16)
            {
                await output.WriteAsync(buffer.WrittenMemory);
                buffer.ResetWrittenCount();
            }
        }
        await output.WriteAsync(buffer.WrittenMemory);
        return count;
    }

    [Benchmark]
    public async Task<int> ClassifyVerb()
    {
        await using var input = new FileStream(_input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using var output = new FileStream(_output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var summary = await ClassifyCommand.RunAsync(_classifier, input, output, CancellationToken.None);
        return summary.Stories;
    }
}
