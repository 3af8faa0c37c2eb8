using System.CommandLine;
using Mail.Directory;

namespace Mail.Server.Cli;

/// <summary>The options that decide what the public contact list shows of an account or group: <c>--public</c>,
/// <c>--no-public</c> (only where an existing entry is changed) and, for accounts, <c>--title</c> and <c>--unit</c>.</summary>
internal sealed class ListingOptions
{
    private readonly Option<bool> _public = new("--public") { Description = "Publish the address in the public contact list" };
    private readonly Option<bool>? _noPublic;
    private readonly Option<string?>? _title;
    private readonly Option<string?>? _unit;

    public ListingOptions(Command command, bool withNoPublic, bool withDetails = true)
    {
        command.Add(_public);
        if (withNoPublic)
        {
            _noPublic = new Option<bool>("--no-public") { Description = "Withdraw the address from the public contact list" };
            command.Add(_noPublic);
        }

        if (withDetails)
        {
            _title = new Option<string?>("--title") { Description = "Title shown in the public contact list, e.g. \"Hiệu trưởng\" (\"\" removes it)" };
            _unit = new Option<string?>("--unit") { Description = "Unit shown in the public contact list, e.g. \"Văn phòng\" (\"\" removes it)" };
            command.Add(_title);
            command.Add(_unit);
        }
    }

    /// <summary>True to publish, false to withdraw, null to leave as it is; both flags at once are refused.</summary>
    public bool? IsPublic(ParseResult result)
    {
        var on = result.GetValue(_public);
        var off = _noPublic is not null && result.GetValue(_noPublic);
        if (on && off)
        {
            throw new CliException("--public and --no-public contradict each other");
        }

        return on ? true : off ? false : null;
    }

    public bool HasAny(ParseResult result) =>
        IsPublic(result) is not null || Title(result) is not null || Unit(result) is not null;

    /// <summary>The chosen changes in words, for the audit log ("public", "title: Hiệu trưởng", …).</summary>
    public IEnumerable<string> Describe(ParseResult result)
    {
        if (IsPublic(result) is { } isPublic)
        {
            yield return isPublic ? "public" : "not public";
        }

        if (Title(result) is { } title)
        {
            yield return $"title: {title}";
        }

        if (Unit(result) is { } unit)
        {
            yield return $"unit: {unit}";
        }
    }

    /// <summary>Writes the chosen changes to the account or group at <paramref name="address"/>.</summary>
    public async Task ApplyAsync(ParseResult result, MailDirectory directory, string address, CancellationToken cancellationToken)
    {
        var isPublic = IsPublic(result);
        var title = Title(result);
        var unit = Unit(result);
        if (title is not null || unit is not null)
        {
            // A title or unit means an account: the flag goes along in the same change of its entry.
            await directory.PublicContacts.SetPublicationAsync(address, isPublic, title, unit, cancellationToken).ConfigureAwait(false);
        }
        else if (isPublic is { } value)
        {
            await directory.PublicContacts.SetPublicAsync(address, value, cancellationToken).ConfigureAwait(false);
        }
    }

    private string? Title(ParseResult result) => _title is null ? null : result.GetValue(_title);

    private string? Unit(ParseResult result) => _unit is null ? null : result.GetValue(_unit);
}
