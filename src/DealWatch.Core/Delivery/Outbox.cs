using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace DealWatch.Core.Delivery;

/// <summary>
/// The outbox folder: one file per delivery, named <c>{safe alert id}-{delivery id}</c>, written atomically (a
/// temporary file moved over the target), so a reader never sees half a file and a retried delivery overwrites its
/// own file instead of adding another.
/// </summary>
internal sealed partial class Outbox(IOptions<OutboxOptions> options)
{
    private const int MaxNameLength = 120;

    /// <summary>The outbox folder, absolute.</summary>
    public string Root => Path.GetFullPath(options.Value.Directory);

    /// <summary>The path of a delivery's file in a sub-folder (<c>email</c>, <c>teams</c>).</summary>
    public string PathOf(string folder, string alertId, string deliveryId, string extension) =>
        Path.Combine(Root, folder, $"{SafeName(alertId)}-{SafeName(deliveryId)}{extension}");

    /// <summary>Writes the file through a temporary file in the same folder and a rename over the target.</summary>
    public static async Task WriteAtomicAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var moved = false;
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Letters, digits, '.', '_' and '-' kept; anything else becomes '_' (alert ids carry '^' and ':').</summary>
    public static string SafeName(string id)
    {
        var safe = Unsafe().Replace(id.Trim(), "_").TrimStart('.');
        if (safe.Length == 0)
        {
            safe = "_";
        }

        return safe.Length > MaxNameLength ? safe[..MaxNameLength] : safe;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();
}

/// <summary>
/// Without a SendGrid API key: writes the whole MIME message to <c>{outbox}/email/{alert}-{delivery}.eml</c>
/// (multipart/alternative, text/plain then text/html, UTF-8; the subject RFC 2047-encoded), which any mail client opens.
/// </summary>
internal sealed partial class OutboxEmailSender(Outbox outbox, IOptions<EmailOptions> options, TimeProvider time, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public const string Folder = "email";

    public async Task<DeliveryResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MailboxAddress.TryParse(message.To.Trim(), out var to))
        {
            // What SendGrid would answer with a 400.
            return DeliveryResult.Rejected($"'{MarkupSafety.PlainLine(message.To, 100)}' is not an email address.");
        }

        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromOrDefault));
        mime.To.Add(to);
        mime.Subject = MarkupSafety.PlainLine(message.Subject, 998);
        mime.Date = time.GetUtcNow();
        mime.MessageId = $"{Outbox.SafeName(message.DeliveryId)}.{Outbox.SafeName(message.AlertId)}@dealwatch.local";
        mime.Headers.Add("X-DealWatch-Alert-Id", MarkupSafety.PlainLine(message.AlertId, 500));
        mime.Headers.Add("X-DealWatch-Delivery-Id", MarkupSafety.PlainLine(message.DeliveryId, 500));
        if (message.Categories.Count > 0)
        {
            mime.Headers.Add("X-DealWatch-Categories", MarkupSafety.PlainLine(string.Join(", ", message.Categories), 500));
        }

        mime.Body = new MultipartAlternative
        {
            Part(TextFormat.Plain, message.Text),
            Part(TextFormat.Html, message.Html),
        };

        var path = outbox.PathOf(Folder, message.AlertId, message.DeliveryId, ".eml");
        await Outbox.WriteAtomicAsync(path, (stream, ct) => mime.WriteToAsync(stream, ct), cancellationToken).ConfigureAwait(false);
        Log.Written(logger, message.AlertId, path);
        return DeliveryResult.Accepted($"outbox:{Folder}/{Path.GetFileName(path)}");
    }

    private static TextPart Part(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4121, EventName = "OutboxEmailWritten", Level = LogLevel.Information, Message = "No SendGrid API key: alert {AlertId} written to {Path}")]
        public static partial void Written(ILogger logger, string alertId, string path);
    }
}

/// <summary>
/// For a webhook name without a URL: writes the exact JSON body that would be POSTed to
/// <c>{outbox}/teams/{alert}-{delivery}.json</c>, byte for byte (UTF-8, no BOM).
/// </summary>
internal sealed partial class OutboxTeamsSender(Outbox outbox, ILogger<OutboxTeamsSender> logger)
{
    public const string Folder = "teams";

    public async Task<DeliveryResult> SendAsync(TeamsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = outbox.PathOf(Folder, message.AlertId, message.DeliveryId, ".json");
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(message.Body);
        await Outbox.WriteAtomicAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        Log.Written(logger, message.AlertId, message.Webhook, path);
        return DeliveryResult.Accepted($"outbox:{Folder}/{Path.GetFileName(path)}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4122, EventName = "OutboxTeamsWritten", Level = LogLevel.Information, Message = "No URL for Teams webhook {Webhook}: alert {AlertId} written to {Path}")]
        public static partial void Written(ILogger logger, string alertId, string webhook, string path);
    }
}
