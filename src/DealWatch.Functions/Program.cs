using DealWatch.Core;
using DealWatch.Core.Storage;
using DealWatch.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddDealWatch(builder.Configuration);
builder.AddDealWatchTelemetry();

// The trigger attributes name the queues literally, so the Function App cannot use a storage prefix.
builder.Services.AddOptions<StorageOptions>()
    .Validate(o => o.Prefix.Length == 0, "DealWatch:Storage:Prefix must be empty in the Function App: its queue triggers use the unprefixed queue names.");

builder.Build().Run();
