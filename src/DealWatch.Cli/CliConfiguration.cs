using System.Text.Json;
using DealWatch.Cli.LocalHost;
using Microsoft.Extensions.Configuration;

namespace DealWatch.Cli;

/// <summary>
/// Configuration for the CLI's verbs, in rising precedence: built-in defaults, <c>appsettings.json</c> in the
/// current directory, the <c>Values</c> of the Function App's <c>local.settings.json</c> (so <c>func start</c> and
/// <c>dealwatch run</c> read the same settings), environment variables (<c>DealWatch__Email__From</c>), then
/// whatever the verb adds.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>Settings every host needs and that have a sensible default.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        ["DealWatch:NewsSchedule"] = "0 */5 * * * *",
        ["DealWatch:MarketsSchedule"] = "0 */2 * * * *",
        ["DealWatch:DigestSchedule"] = "0 */15 * * * *",
    };

    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null, Action<IConfigurationBuilder>? more = null)
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Defaults)
            .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true);
        if (RepositoryRoot.Find() is { } root && LocalSettings(Path.Combine(root.FullName, "src", "DealWatch.Functions", "local.settings.json")) is { } values)
        {
            builder.AddInMemoryCollection(values);
        }

        builder.AddEnvironmentVariables();
        more?.Invoke(builder);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>The <c>Values</c> of a <c>local.settings.json</c>, with <c>__</c> read as <c>:</c> as the Functions host does.</summary>
    private static Dictionary<string, string?>? LocalSettings(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            return null;
        }

        return values.EnumerateObject().ToDictionary(
            p => p.Name.Replace("__", ":", StringComparison.Ordinal),
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(),
            StringComparer.OrdinalIgnoreCase);
    }
}
