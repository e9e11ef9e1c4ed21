using System.Buffers;
using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DealWatch.Core.Classification;
using Microsoft.Extensions.DependencyInjection;

[assembly: InternalsVisibleTo("DealWatch.Tests")]
[assembly: InternalsVisibleTo("DealWatch.Benchmarks")]

namespace DealWatch.Cli.Commands;

/// <summary>How a classify run went.</summary>
internal sealed record ClassifyRunSummary(int Stories, int Deals, int Errors);

/// <summary>
/// <c>dealwatch classify [--input FILE] [--output FILE]</c>: JSON Lines of stories in (stdin by default), one JSON line of
/// classification out per story (stdout by default), in input order, streaming. A malformed line gives
/// <c>{"id": ..., "error": ...}</c> (or <c>"line": N</c> when there is no id) and the batch goes on.
/// </summary>
internal static class ClassifyCommand
{
    private const int BatchSize = 512;
    private const int BufferSize = 1 << 16;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "JSON Lines of stories ({\"id\", \"title\", \"summary\", ...}); standard input when absent." };
        var output = new Option<FileInfo?>("--output") { Description = "Where the classifications go, one JSON line each; standard output when absent." };
        var command = new Command("classify", "Classify stories as AI compute deals and extract their facts (JSON Lines in, JSON Lines out).") { input, output };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var inputFile = parse.GetValue(input);
            var outputFile = parse.GetValue(output);
            if (inputFile is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"classify: input file {inputFile.FullName} does not exist.").ConfigureAwait(false);
                return 2;
            }

            using var services = ClassificationServices.Build(ClassificationServices.DefaultConfiguration());
            var classifier = services.GetRequiredService<IDealClassifier>();
            await using var source = inputFile is null
                ? Console.OpenStandardInput(BufferSize)
                : new FileStream(inputFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
            await using var sink = outputFile is null
                ? Console.OpenStandardOutput(BufferSize)
                : new FileStream(outputFile.FullName, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            var summary = await RunAsync(classifier, source, sink, cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"classify: {summary.Stories} stories, {summary.Deals} deals, {summary.Errors} malformed lines").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Reads stories from <paramref name="input"/> and writes one line per story to <paramref name="output"/>, in order.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    internal static async Task<ClassifyRunSummary> RunAsync(IDealClassifier classifier, Stream input, Stream output, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
        var lines = new string[BatchSize];
        var numbers = new int[BatchSize];
        var results = new LineResult[BatchSize];
        var buffer = new ArrayBufferWriter<byte>(BufferSize * 2);
        // Chinese names and amounts stay readable ("380億美元"); the output is data for programs, never HTML.
        await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        int lineNumber = 0, stories = 0, deals = 0, errors = 0;
        while (true)
        {
            var count = 0;
            while (count < BatchSize && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                lines[count] = line;
                numbers[count] = lineNumber;
                count++;
            }
            if (count == 0) break;

            await Parallel.ForAsync(0, count, parallel, async (i, token) => results[i] = await ClassifyLineAsync(classifier, lines[i], numbers[i], token).ConfigureAwait(false)).ConfigureAwait(false);

            buffer.ResetWrittenCount();
            for (var i = 0; i < count; i++)
            {
                writer.Reset(buffer);
                var result = results[i];
                if (result.Classification is { } classification)
                {
                    JsonSerializer.Serialize(writer, classification, ClassificationJsonContext.Default.DealClassification);
                    stories++;
                    if (classification.IsComputeDeal) deals++;
                }
                else
                {
                    WriteError(writer, result);
                    errors++;
                }
                writer.Flush();
                buffer.Write(NewLine);
                results[i] = default;
                lines[i] = null!;
            }
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ClassifyRunSummary(stories, deals, errors);
    }

    private static async ValueTask<LineResult> ClassifyLineAsync(IDealClassifier classifier, string line, int lineNumber, CancellationToken cancellationToken)
    {
        StoryText? story;
        try
        {
            story = JsonSerializer.Deserialize(line, ClassificationJsonContext.Default.StoryText);
        }
        catch (JsonException ex)
        {
            return new LineResult(null, null, lineNumber, $"malformed JSON: {FirstSentence(ex.Message)}");
        }
        if (story is null) return new LineResult(null, null, lineNumber, "a story must be a JSON object");
        if (string.IsNullOrWhiteSpace(story.Id)) return new LineResult(null, null, lineNumber, "id is required");
        if (string.IsNullOrWhiteSpace(story.Title)) return new LineResult(null, story.Id, lineNumber, "title is required");
        var classification = await classifier.ClassifyAsync(story, cancellationToken).ConfigureAwait(false);
        return new LineResult(classification, story.Id, lineNumber, null);
    }

    private static void WriteError(Utf8JsonWriter writer, LineResult result)
    {
        writer.WriteStartObject();
        if (result.Id is not null) writer.WriteString("id", result.Id);
        else writer.WriteNumber("line", result.Line);
        writer.WriteString("error", result.Error);
        writer.WriteEndObject();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    private readonly record struct LineResult(DealClassification? Classification, string? Id, int Line, string? Error);
}
