using System.Globalization;

namespace Mail.Server.Imap;

/// <summary>The CAPABILITY list for a session's current state: only what the server really does.</summary>
internal static class ImapCapabilities
{
    private static readonly string[] Always = ["IMAP4rev1", "IMAP4rev2", "LITERAL+", "SASL-IR", "ID", "ENABLE"];

    private static readonly string[] LoggedIn =
    [
        "IDLE", "NAMESPACE", "UIDPLUS", "MOVE", "UNSELECT", "SPECIAL-USE", "CHILDREN", "LIST-EXTENDED", "LIST-STATUS",
        "ESEARCH", "SEARCHRES", "CONDSTORE", "QRESYNC", "COMPRESS=DEFLATE", "QUOTA", "QUOTA=RES-STORAGE", "STATUS=SIZE", "MULTIAPPEND", "UTF8=ACCEPT",
        "SORT", "SORT=DISPLAY", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES",
    ];

    /// <summary>The capabilities as one space-separated string.</summary>
    public static string For(ImapSession session)
    {
        var list = new List<string>(Always);
        if (session.State == ImapState.NotAuthenticated)
        {
            if (!session.Connection.IsSecure && session.OffersStartTls)
            {
                list.Add("STARTTLS");
            }

            list.Add(session.MayAuthenticate ? "AUTH=PLAIN" : "LOGINDISABLED");
        }
        else
        {
            list.AddRange(LoggedIn);
            list.Add("APPENDLIMIT=" + session.Services.Limits.MaxAppend.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(' ', list);
    }
}
