using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using DealWatch.Core.Classification;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// Reads stories from <paramref name="input"/> and writes one line per story to <paramref name="output"/>, in order.
    /// Three stages overlap: one task reads and parses batches of lines, the cores classify a batch in parallel, and the
    /// previous batch's bytes are written while the next is classified.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    internal static async Task<ClassifyRunSummary> RunAsync(IDealClassifier classifier, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadBatchesAsync(input, batches.Writer, stopReading.Token), stopReading.Token);
        ClassifyRunSummary? summary = null;
        try
        {
            summary = await ClassifyAndWriteAsync(classifier, batches.Reader, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // If classifying or writing failed, the reader must not wait forever on a full channel.
            if (summary is null) await stopReading.CancelAsync().ConfigureAwait(false);
        }
        await reading.ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static async Task<ClassifyRunSummary> ClassifyAndWriteAsync(IDealClassifier classifier, ChannelReader<Batch> batches, Stream output, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var buffers = new[] { new ArrayBufferWriter<byte>(BufferSize * 2), new ArrayBufferWriter<byte>(BufferSize * 2) };
        var current = 0;
        var writing = Task.CompletedTask;
        int stories = 0, deals = 0, errors = 0;
        // Chinese names and amounts stay readable ("380億美元"); the output is data for programs, never HTML.
        var writerOptions = new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await using var writer = new Utf8JsonWriter(buffers[0], writerOptions);
        await foreach (var batch in batches.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var items = batch.Items;
            await Parallel.ForAsync(0, batch.Count, parallel, async (i, token) =>
            {
                if (items[i].Story is { } story)
                {
                    items[i] = items[i] with { Classification = await classifier.ClassifyAsync(story, token).ConfigureAwait(false) };
                }
            }).ConfigureAwait(false);

            var buffer = buffers[current];
            buffer.ResetWrittenCount();
            for (var i = 0; i < batch.Count; i++)
            {
                writer.Reset(buffer);
                if (items[i].Classification is { } classification)
                {
                    JsonSerializer.Serialize(writer, classification, ClassificationJsonContext.Default.DealClassification);
                    stories++;
                    if (classification.IsComputeDeal) deals++;
                }
                else
                {
                    WriteError(writer, items[i]);
                    errors++;
                }
                writer.Flush();
                buffer.Write(NewLine);
            }

            // The previous batch's bytes go out while this one was classified; its buffer is free again now.
            await writing.ConfigureAwait(false);
            writing = output.WriteAsync(buffer.WrittenMemory, cancellationToken).AsTask();
            current ^= 1;
        }
        await writing.ConfigureAwait(false);
        return new ClassifyRunSummary(stories, deals, errors);
    }

    private static async Task ReadBatchesAsync(Stream input, ChannelWriter<Batch> batches, CancellationToken cancellationToken)
    {
        // Completing the channel in all cases lets the consumer finish; a failure here surfaces when RunAsync awaits this task.
        try
        {
            using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
            var lineNumber = 0;
            var batch = new Batch(new LineResult[BatchSize]);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                batch.Items[batch.Count++] = Parse(line, lineNumber);
                if (batch.Count == BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new Batch(new LineResult[BatchSize]);
                }
            }
            if (batch.Count > 0) await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private static LineResult Parse(string line, int lineNumber)
    {
        StoryText? story;
        try
        {
            story = JsonSerializer.Deserialize(line, ClassificationJsonContext.Default.StoryText);
        }
        catch (JsonException ex)
        {
            return new LineResult(null, null, null, lineNumber, $"malformed JSON: {FirstSentence(ex.Message)}");
        }
        if (story is null) return new LineResult(null, null, null, lineNumber, "a story must be a JSON object");
        if (string.IsNullOrWhiteSpace(story.Id)) return new LineResult(null, null, null, lineNumber, "id is required");
        if (string.IsNullOrWhiteSpace(story.Title)) return new LineResult(null, null, story.Id, lineNumber, "title is required");
        return new LineResult(story, null, story.Id, lineNumber, null);
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

    private readonly record struct LineResult(StoryText? Story, DealClassification? Classification, string? Id, int Line, string? Error);

    private sealed class Batch(LineResult[] items)
    {
        public LineResult[] Items { get; } = items;
        public int Count { get; set; }
    }
}
