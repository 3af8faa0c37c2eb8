using System.Text;
using Mail.Server.Store;
using MimeKit;

namespace Mail.Server.Imap.Search;

/// <summary>A message's header and text as SEARCH reads them, loaded from the body file only when a key needs
/// them, and once: header values decoded (RFC 2047), body text of every text part decoded from its charset.
/// <paramref name="keptHeaders"/> is the index's folded copy of the common fields, when the command read it.</summary>
internal sealed class MessageContent(MessageStore store, MessageRow row, string? keptHeaders = null)
{
    private const int MaxTextChars = 4 * 1024 * 1024;

    private HeaderList? _headers;
    private string? _body;

    public MessageRow Row => row;

    /// <summary>See <see cref="SearchHeaders"/>; null when not read or not kept for this body.</summary>
    public string? KeptHeaders => keptHeaders;

    public HeaderList Headers
    {
        get
        {
            if (_headers is null)
            {
                using var file = store.Bodies.OpenRead(row.Hash);
                _headers = HeaderList.Load(file);
            }

            return _headers;
        }
    }

    /// <summary>The decoded values of every header called <paramref name="field"/>.</summary>
    public IEnumerable<string> Values(string field) =>
        Headers.Where(h => string.Equals(h.Field, field, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>The decoded text of the message's text parts (bounded, a search is not a parser of huge files).</summary>
    public string Body
    {
        get
        {
            if (_body is null)
            {
                using var file = store.Bodies.OpenRead(row.Hash);
                var message = MimeMessage.Load(file);
                var text = new StringBuilder();
                foreach (var part in message.BodyParts.OfType<TextPart>())
                {
                    if (text.Length > MaxTextChars)
                    {
                        break;
                    }

                    text.Append(part.Text).Append('\n');
                }

                _body = text.ToString();
            }

            return _body;
        }
    }

    /// <summary>The Date header as a day, or null.</summary>
    public DateOnly? SentDay =>
        Values("Date").Select(value => MimeKit.Utils.DateUtils.TryParse(value, out var date) ? DateOnly.FromDateTime(date.DateTime) : (DateOnly?)null).FirstOrDefault(d => d is not null);
}
