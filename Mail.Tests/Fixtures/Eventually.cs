namespace Mail.Tests.Fixtures;

/// <summary>Polls a condition until it holds or a deadline passes (instead of sleeping in tests).</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is not AssertionException)
            {
                // Not yet: keep polling until the deadline.
            }

            await Task.Delay(50);
        }

        return false;
    }
}
