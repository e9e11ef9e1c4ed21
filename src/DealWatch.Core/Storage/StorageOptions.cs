using System.ComponentModel.DataAnnotations;

namespace DealWatch.Core.Storage;

/// <summary>
/// Where the app's queues, tables and blobs live. The account is the one the Functions host uses
/// (<c>AzureWebJobsStorage</c>): a connection string locally (Azurite), an account name or service URIs
/// with a managed identity in Azure (<c>AzureWebJobsStorage__accountName</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "DealWatch:Storage";

    /// <summary>
    /// Prepended to every table and queue name, so that tests and side-by-side local hosts can share one
    /// account. Lower-case letters and digits only. Must stay empty in Azure, where the trigger attributes
    /// name the queues literally.
    /// </summary>
    [RegularExpression("^[a-z][a-z0-9]{0,15}$|^$", ErrorMessage = "DealWatch:Storage:Prefix must be empty or up to 16 lower-case letters and digits, starting with a letter.")]
    public string Prefix { get; set; } = "";
}
