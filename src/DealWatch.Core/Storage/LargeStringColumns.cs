using System.Text;
using Azure.Data.Tables;

namespace DealWatch.Core.Storage;

/// <summary>
/// Keeps a long string (a JSON document) in a table entity across several columns, since one string column
/// holds at most 64 KiB (32K UTF-16 characters). The entity as a whole must still stay under 1 MiB.
/// </summary>
public static class LargeStringColumns
{
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 15;

    /// <summary>Writes <paramref name="value"/> into columns <c>{name}</c>, <c>{name}_1</c>, ...</summary>
    /// <exception cref="ArgumentException">The value would not fit in an entity.</exception>
    public static void Write(TableEntity entity, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(value);
        var chunks = (value.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"A {value.Length}-character value does not fit in table column '{name}'.", nameof(value));
        }

        for (var i = 0; i < Math.Max(chunks, 1); i++)
        {
            entity[ColumnName(name, i)] = value.Substring(i * ChunkChars, Math.Min(ChunkChars, value.Length - i * ChunkChars));
        }

        // Blank any longer tail left by an earlier, longer value (merge updates keep old columns).
        for (var i = Math.Max(chunks, 1); i < MaxChunks; i++)
        {
            entity[ColumnName(name, i)] = null;
        }
    }

    /// <summary>Reads back what <see cref="Write"/> wrote, or null when the column is absent.</summary>
    public static string? Read(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        var builder = new StringBuilder(first);
        for (var i = 1; i < MaxChunks && entity.GetString(ColumnName(name, i)) is { Length: > 0 } next; i++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }

    private static string ColumnName(string name, int index) => index == 0 ? name : $"{name}_{index}";
}
