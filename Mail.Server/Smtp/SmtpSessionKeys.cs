namespace Mail.Server.Smtp;

/// <summary>Names of what our SMTP code keeps in a session's property bag.</summary>
internal static class SmtpSessionKeys
{
    /// <summary>The accepted recipients of the current transaction (a list of <see cref="RecipientDecision"/>).</summary>
    public const string Recipients = "mailappliance:recipients";

    /// <summary>The parameters of the current MAIL FROM (an <c>IReadOnlyDictionary&lt;string, string&gt;</c>), which the
    /// mailbox filter is not given.</summary>
    public const string MailParameters = "mailappliance:mail-parameters";

    /// <summary>The name the client gave in EHLO/HELO.</summary>
    public const string Helo = "mailappliance:helo";
}
