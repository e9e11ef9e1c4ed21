using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using DealWatch.Core;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DealWatch.Functions;

/// <summary>
/// OpenTelemetry for the worker: the Functions invocations, outgoing HTTP, our structured logs (with their story,
/// deal and alert ids as attributes) and the <c>DealWatch</c> meter's counters, exported to Application Insights
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. With
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD;ClientId=...</c> the export authenticates with
/// that managed identity, so the resource can refuse key-based ingestion.
/// </summary>
internal static class Telemetry
{
    public static IHostApplicationBuilder AddDealWatchTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(DealWatchMetrics.MeterName).AddHttpClientInstrumentation());

        if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var credential = Credential(builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                if (credential is not null)
                {
                    options.Credential = credential;
                }
            });
        }

        return builder;
    }

    private static TokenCredential? Credential(string? authentication)
    {
        if (authentication is null || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Trim().Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1].Trim();
        return new ManagedIdentityCredential(clientId is { Length: > 0 } ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned);
    }
}
