using Mail.Server.Backup;

namespace Mail.Tests.Backup;

/// <summary>Which entry names restore writes: a backup file may have been crafted, so nothing outside the known layout
/// gets into a data folder.</summary>
internal sealed class BackupArchiveTests
{
    [TestCase("backup.json")]
    [TestCase("mailappliance.json")]
    [TestCase("tls/cert.pem")]
    [TestCase("dkim/truong.edu.vn/keys.json")]
    [TestCase("directory/directory.ldif")]
    [TestCase("store/index.db")]
    [TestCase("store/bodies/ab/cd/abcd0123")]
    [TestCase("spool/queue.db")]
    [TestCase("spool/0123456789ABCDEF.msg")]
    public void KnownEntries_AreAllowed(string name) => Assert.That(BackupArchive.IsAllowed(name), Is.True);

    [TestCase("../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("tls/../../outside")]
    [TestCase("tls/./cert.pem")]
    [TestCase("tls//cert.pem")]
    [TestCase("tls/")]
    [TestCase("dkim/.lock")]
    [TestCase("directory/slapd.conf")]
    [TestCase("directory/db/data.mdb")]
    [TestCase("store/index.db-wal")]
    [TestCase("spool/../x.msg")]
    [TestCase("spool/bad id.msg")]
    [TestCase("spool/tmp/0123.msg")]
    [TestCase("tls\\..\\x")]
    [TestCase("anything-else")]
    public void OtherEntries_AreRefused(string name) => Assert.That(BackupArchive.IsAllowed(name), Is.False);
}
