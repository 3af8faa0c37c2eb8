namespace Mail.WebAdmin.Security;

/// <summary>The signed-in user may not do this to that account (the page answers 403).</summary>
internal sealed class AdminForbiddenException : Exception
{
    public AdminForbiddenException()
    {
    }

    public AdminForbiddenException(string message)
        : base(message)
    {
    }

    public AdminForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
