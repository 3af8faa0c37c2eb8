using System.DirectoryServices.Protocols;
using System.Net;

namespace Mail.Directory.Ldap;

/// <summary>One LDAP connection shared by concurrent requests, disposed only when retired and idle, so a
/// request that timed out in native code never has its handle freed under it.</summary>
internal sealed class PooledConnection
{
    private readonly Lock _gate = new();
    private readonly NetworkCredential? _credential;
    private int _users;
    private bool _retired;
    private bool _bound;

    public PooledConnection(LdapConnection connection, NetworkCredential? credential)
    {
        Connection = connection;
        _credential = credential;
    }

    public LdapConnection Connection { get; }

    public bool IsRetired
    {
        get
        {
            lock (_gate)
            {
                return _retired;
            }
        }
    }

    public bool WasUsed { get; private set; }

    /// <summary>Counts one more user; false when the connection was retired (and perhaps disposed) meanwhile.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _users++;
            return true;
        }
    }

    public void Release()
    {
        bool dispose;
        lock (_gate)
        {
            _users--;
            dispose = _retired && _users == 0;
        }

        if (dispose)
        {
            Connection.Dispose();
        }
    }

    public void Retire()
    {
        bool dispose;
        lock (_gate)
        {
            dispose = !_retired && _users == 0;
            _retired = true;
        }

        if (dispose)
        {
            Connection.Dispose();
        }
    }

    /// <summary>Binds once, before the first request; concurrent binds on one connection are unsafe in libldap.</summary>
    public void EnsureBound()
    {
        lock (_gate)
        {
            if (!_bound)
            {
                if (_credential is not null)
                {
                    Connection.Bind(_credential);
                }

                _bound = true;
            }

            WasUsed = true;
        }
    }
}
