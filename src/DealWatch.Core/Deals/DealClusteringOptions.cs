using System.ComponentModel.DataAnnotations;

namespace DealWatch.Core.Deals;

/// <summary>When two stories are the same deal: section <c>DealWatch:Deals</c>.</summary>
public sealed class DealClusteringOptions
{
    public const string SectionName = "DealWatch:Deals";

    /// <summary>Amounts within this relative difference are the same deal's (0.15 = 15%).</summary>
    [Range(0.0, 1.0)]
    public double AmountTolerance { get; set; } = 0.15;

    /// <summary>Stories this far apart (by publication time) can still report the same deal.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Within this time of a deal's last story, a story with the same parties and a different amount revises
    /// the deal's amount instead of starting a new deal.
    /// </summary>
    public TimeSpan RevisionWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A revision smaller than this (relative) is not material: no update alert.</summary>
    [Range(0.0, 1.0)]
    public double MaterialChange { get; set; } = 0.05;

    /// <summary>Sources kept per deal (the first ones); later stories still count but are not listed.</summary>
    [Range(1, 500)]
    public int MaxSources { get; set; } = 100;

    /// <summary>
    /// How long a deal's alert waits before it is routed, so that the outlets reporting the same deal at the same
    /// time are merged in first and the one alert lists them all. The facts stay those the alert was decided on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AlertDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Stories below this classifier confidence are not attached to deals.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;
}
