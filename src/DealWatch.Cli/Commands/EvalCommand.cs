using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DealWatch.Core.Classification;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Cli.Commands;

/// <summary>
/// <c>dealwatch eval FILE.jsonl... [--json]</c>: classifies labelled stories and reports precision, recall and F1 of the label,
/// the accuracy of each field over the true deals, a reliability table of the confidence, and every story it got wrong.
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonTypeInfo<DealEvaluationReport> ReportJson = (JsonTypeInfo<DealEvaluationReport>)new JsonSerializerOptions
    {
        TypeInfoResolver = ClassificationJsonContext.Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.GetTypeInfo(typeof(DealEvaluationReport));

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("file") { Description = "Labelled JSON Lines (each story with a \"label\" object); several files are scored together.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var command = new Command("eval", "Score the compute-deal classifier on labelled stories.") { files, json };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var inputs = parse.GetValue(files) ?? [];
            foreach (var file in inputs)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"eval: {file.FullName} does not exist.").ConfigureAwait(false);
                    return 2;
                }
            }
            using var services = ClassificationServices.Build(ClassificationServices.DefaultConfiguration());
            var classifier = services.GetRequiredService<IDealClassifier>();
            var (report, malformed) = await EvaluateAsync(classifier, inputs.Select(f => f.FullName), cancellationToken).ConfigureAwait(false);
            foreach (var problem in malformed)
            {
                await Console.Error.WriteLineAsync($"eval: {problem}").ConfigureAwait(false);
            }
            var text = parse.GetValue(json)
                ? JsonSerializer.Serialize(report, ReportJson)
                : Format(report);
            await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
            return malformed.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Classifies every labelled line of the files and scores the results; lines that cannot be read are listed, not scored.</summary>
    internal static async Task<(DealEvaluationReport Report, List<string> Malformed)> EvaluateAsync(IDealClassifier classifier, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var pairs = new List<(LabelledStoryLine, DealClassification)>();
        var malformed = new List<string>();
        foreach (var path in paths)
        {
            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                LabelledStoryLine? labelled;
                try
                {
                    labelled = JsonSerializer.Deserialize(line, ClassificationJsonContext.Default.LabelledStoryLine);
                }
                catch (JsonException ex)
                {
                    malformed.Add($"{Path.GetFileName(path)}:{number}: {ex.Message}");
                    continue;
                }
                if (labelled?.Label is null || labelled.Id is null || labelled.Title is null)
                {
                    malformed.Add($"{Path.GetFileName(path)}:{number}: needs id, title and label");
                    continue;
                }
                pairs.Add((labelled, await classifier.ClassifyAsync(labelled.ToStory(), cancellationToken).ConfigureAwait(false)));
            }
        }
        return (DealEvaluator.Evaluate(pairs), malformed);
    }

    internal static string Format(DealEvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var deals = report.TruePositives + report.FalseNegatives;
        var text = new StringBuilder();
        text.AppendLine(c, $"stories {report.Stories} ({deals} deals): precision {report.Precision:0.000}  recall {report.Recall:0.000}  F1 {report.F1:0.000}  Brier {report.BrierScore:0.000}");
        text.AppendLine(c, $"  TP {report.TruePositives}  FP {report.FalsePositives}  FN {report.FalseNegatives}  TN {report.TrueNegatives}");
        text.AppendLine(c, $"field accuracy over the {deals} labelled deals:");
        foreach (var (name, field) in report.Fields)
        {
            text.AppendLine(c, $"  {name,-9} {field.Correct,4}/{field.Total,-4} {field.Accuracy * 100,6:0.0}%");
        }
        text.AppendLine("calibration (confidence bin: stories, mean confidence, share that are deals):");
        foreach (var bin in report.Calibration)
        {
            text.AppendLine(c, $"  {bin.From:0.0}-{bin.To:0.0}: {bin.Stories,4}  {bin.MeanConfidence:0.000}  {bin.DealShare:0.000}");
        }
        text.AppendLine(c, $"misses ({report.Misses.Count}):");
        foreach (var miss in report.Misses)
        {
            text.AppendLine(c, $"  {miss.Kind,-14} {miss.Id} ({miss.Confidence:0.00}) {miss.Title}");
            foreach (var detail in miss.Details)
            {
                text.AppendLine(c, $"      {detail}");
            }
        }
        return text.ToString().TrimEnd();
    }
}
