namespace Mail.Tests.Fixtures;

/// <summary>Temporary folders of a test run, under the system temp folder.</summary>
internal static class TestFolder
{
    /// <summary>A fresh path (not yet created) named after <paramref name="purpose"/>.</summary>
    public static string New(string purpose) =>
        Path.Combine(Path.GetTempPath(), "mailappliance-tests", purpose + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>Removes a folder and everything in it; a folder already gone or still busy is left alone.</summary>
    public static void Remove(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only temporary files are left behind.
        }
    }
}
