using Mail.Server.Pop3.Protocol;

namespace Mail.Server.Pop3.Commands;

/// <summary>Which command runs for each verb.</summary>
internal static class Pop3CommandTable
{
    private static readonly IPop3Command Capa = new CapaCommand();
    private static readonly IPop3Command User = new UserCommand();
    private static readonly IPop3Command Pass = new PassCommand();
    private static readonly IPop3Command Auth = new AuthCommand();
    private static readonly IPop3Command Stls = new StlsCommand();
    private static readonly IPop3Command Quit = new QuitCommand();
    private static readonly IPop3Command Stat = new StatCommand();
    private static readonly IPop3Command List = new ListCommand();
    private static readonly IPop3Command Retr = new RetrCommand();
    private static readonly IPop3Command Dele = new DeleCommand();
    private static readonly IPop3Command Noop = new NoopCommand();
    private static readonly IPop3Command Rset = new RsetCommand();
    private static readonly IPop3Command Top = new TopCommand();
    private static readonly IPop3Command Uidl = new UidlCommand();

    /// <summary>The command for <paramref name="verb"/>, or null for an unknown one.</summary>
    public static IPop3Command? For(Pop3Verb verb) => verb switch
    {
        Pop3Verb.Capa => Capa,
        Pop3Verb.User => User,
        Pop3Verb.Pass => Pass,
        Pop3Verb.Auth => Auth,
        Pop3Verb.Stls => Stls,
        Pop3Verb.Quit => Quit,
        Pop3Verb.Stat => Stat,
        Pop3Verb.List => List,
        Pop3Verb.Retr => Retr,
        Pop3Verb.Dele => Dele,
        Pop3Verb.Noop => Noop,
        Pop3Verb.Rset => Rset,
        Pop3Verb.Top => Top,
        Pop3Verb.Uidl => Uidl,
        _ => null,
    };
}
