using Mail.Directory.Ldap;
using Mail.Directory.Lookup;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Directory;

/// <summary>The directory as the rest of the appliance uses it: one object per concern over one gateway.</summary>
public sealed class MailDirectory : IDisposable
{
    /// <summary>Connects (lazily) to the directory described by <paramref name="options"/>.</summary>
    public MailDirectory(DirectoryOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        Options = options;
        Gateway = new LdapGateway(options, loggerFactory.CreateLogger<LdapGateway>(), time);
        var context = new DirectoryContext(options, Gateway, time);
        var mapper = new EntryMapper(context);
        Domains = new DomainDirectory(context);
        Resolver = new AddressResolver(context, Domains, mapper);
        Accounts = new AccountDirectory(context, Domains, Resolver, mapper);
        Aliases = new AliasDirectory(context, Domains, Resolver, Accounts);
        Groups = new GroupDirectory(context, Domains, Resolver, Accounts, mapper);
        Expander = new GroupExpander(context, Resolver, loggerFactory.CreateLogger<GroupExpander>());
        Groups.Expander = Expander;
        SenderPolicies = new SenderPolicyChecker(Groups, Expander, Resolver);
        PublicContacts = new PublicContactDirectory(context, Domains, Resolver);
        Authenticator = new PasswordAuthenticator(context, Resolver, loggerFactory.CreateLogger<PasswordAuthenticator>());
        Layout = context.Layout;
    }

    /// <summary>The options this directory was opened with.</summary>
    public DirectoryOptions Options { get; }

    /// <summary>The guarded LDAP connection pool.</summary>
    public LdapGateway Gateway { get; }

    /// <summary>Where entries live.</summary>
    public DirectoryLayout Layout { get; }

    /// <summary>Hosted domains.</summary>
    public DomainDirectory Domains { get; }

    /// <summary>Address resolution for the mail path.</summary>
    public AddressResolver Resolver { get; }

    /// <summary>Accounts.</summary>
    public AccountDirectory Accounts { get; }

    /// <summary>Aliases of accounts and groups.</summary>
    public AliasDirectory Aliases { get; }

    /// <summary>Groups and their members.</summary>
    public GroupDirectory Groups { get; }

    /// <summary>Group expansion.</summary>
    public GroupExpander Expander { get; }

    /// <summary>Group sender policies.</summary>
    public SenderPolicyChecker SenderPolicies { get; }

    /// <summary>The public contact list.</summary>
    public PublicContactDirectory PublicContacts { get; }

    /// <summary>Password checks.</summary>
    public PasswordAuthenticator Authenticator { get; }

    /// <inheritdoc />
    public void Dispose() => Gateway.Dispose();
}
