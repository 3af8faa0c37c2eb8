using Mail.WebAdmin.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages;

/// <summary>A list searched and paged through the query string (<c>?q=…&amp;p=…</c>), so a page of results can be
/// bookmarked, reloaded and reached with the pager's plain links: the account, group and queue lists.</summary>
public abstract class SearchListModel(IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    /// <summary>The search as typed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The page number as shown (from 1).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int P { get; set; } = 1;
}
