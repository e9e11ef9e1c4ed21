using System.Text.Json;
using System.Text.Json.Serialization;
using DealWatch.Core.Alerts;
using DealWatch.Core.Classification;
using DealWatch.Core.Deals;

namespace DealWatch.Core;

/// <summary>The one set of JSON settings for queue messages and the JSON kept in table columns (source-generated).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoryMessage))]
[JsonSerializable(typeof(AlertMessage))]
[JsonSerializable(typeof(DeliveryMessage))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(DealClassification))]
[JsonSerializable(typeof(List<DealSource>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<PendingAlert>))]
[JsonSerializable(typeof(Deal))]
public sealed partial class DealWatchJson : JsonSerializerContext;
