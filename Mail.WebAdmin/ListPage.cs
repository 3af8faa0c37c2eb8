namespace Mail.WebAdmin;

/// <summary>One page of a list the admin shows (accounts, groups, queued messages).</summary>
/// <param name="Items">The entries on the page, in the list's order.</param>
/// <param name="Total">Entries matching the search in all pages.</param>
/// <param name="Page">This page's number, from 0.</param>
/// <param name="PageSize">Entries per page.</param>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>Entries per page in every list.</summary>
    public const int DefaultSize = 50;

    /// <summary>How many pages the search fills (at least one).</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Page <paramref name="page"/> (from 0; one past the end shows the last) of <paramref name="matches"/>.</summary>
    public static ListPage<T> Of(IReadOnlyList<T> matches, int page, int pageSize = DefaultSize)
    {
        var pages = Math.Max(1, (matches.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 0, pages - 1);
        return new ListPage<T>(matches.Skip(page * pageSize).Take(pageSize).ToArray(), matches.Count, page, pageSize);
    }
}
