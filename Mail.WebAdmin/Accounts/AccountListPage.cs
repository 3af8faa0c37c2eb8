using Mail.Directory;

namespace Mail.WebAdmin.Accounts;

/// <summary>One page of the account list.</summary>
/// <param name="Accounts">The accounts on the page, sorted by address.</param>
/// <param name="Total">Accounts matching the search in all pages.</param>
/// <param name="Page">This page's number, from 0.</param>
/// <param name="PageSize">Accounts per page.</param>
internal sealed record AccountListPage(IReadOnlyList<Account> Accounts, int Total, int Page, int PageSize)
{
    /// <summary>How many pages the search fills (at least one).</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
