namespace DealWatch.Cli.LocalHost;

/// <summary>Finds the repository's root (the folder with <c>Functions.sln</c> and <c>package.json</c>).</summary>
internal static class RepositoryRoot
{
    /// <summary>The root above the current directory or above this binary, or null when run outside a checkout.</summary>
    public static DirectoryInfo? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir;
                }
            }
        }

        return null;
    }
}
