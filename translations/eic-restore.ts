<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>BackupManifest</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 is not available from OpenSSL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a database backup of eic-restore (no manifest of ours).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was written by a newer eic-restore; update to restore it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s manifest lists no files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no readable manifest.json: %2. Choose a folder made by eic-restore&apos;s database backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest of %1 is damaged (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the manifest in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is incomplete: %2 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is damaged: %2 has %3 bytes, the manifest says %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is damaged: the checksum of %2 does not match the manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s manifest is not valid: %1. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;jobs&quot; is %1, eic-restore accepts 1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it lists %1 tables and %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table %1 has %2 rows and %3 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file &quot;%1&quot; is not inside the backup&apos;s data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file %1 has %2 bytes and checksum &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s manifest is not valid: &quot;jobs&quot; is %1, eic-restore accepts 1 to %2. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is refused: manifest.json was changed after the backup was taken (its checksum in %2 does not match). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupText</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — taken %2 (%3 ago), %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupVerification</name>
    <message>
        <source>an empty file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a data store backup of eic-restore (restore it as the data store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Redis snapshot (RDB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a gzip-compressed file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tar archive (a pg_dump -Ft dump? make a -Fc one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a plain SQL dump (restore it with psql)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file of another kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore could not be started: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore exited with status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1.sha256 next to it: its bytes are checked by reading it to the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its SHA-256 matches %1.sha256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2: not a pg_dump custom archive or an eic-restore backup folder. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a pg_dump custom archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore --list reads it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore cannot read the table of contents of %1: %2. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every data block was read to the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged or incomplete: pg_restore cannot read it to the end: %2. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 NOT checked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was verified completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was verified; %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json is readable and every value in it is within bounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json matches %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup has no %1 (made by an older eic-restore): a change of its row counts or file list after the backup was taken would not be seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): each one&apos;s size and SHA-256 match the manifest</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CautionGuide</name>
    <message>
        <source>The cell&apos;s service is interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every component that uses the store is scaled to 0 and stays down until the data is back and verified: the cell processes no messages meanwhile. The plan names the components, counts their pods, and gives the downtime of the last rehearsal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A point-in-time recovery loses data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database goes back to the moment you give; everything written after it is gone. The vendor prefers a complete recovery; choose a point in time only when the latest state is itself damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a snapshot can be restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoscalers pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A HorizontalPodAutoscaler cannot scale a deployment that is at 0; it resumes by itself when the deployment runs again. eic-restore puts back the recorded counts first, then the autoscaler takes over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions still connected may be ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional. If a stopped component&apos;s session is still connected to the store when its pods are gone, eic-restore ends it (pg_terminate_backend, CLIENT KILL). Without this acknowledgement the restore waits for the session, and rolls back when it stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store is emptied first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring an archive into the data store starts with FLUSHALL, so that it holds exactly the backup afterwards: every key not in the backup is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is replaced by the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store keeps no append-only file, so the most a restore brings back is a snapshot: writes after it are lost. The plan tells how old the current snapshot is; restoring an archive, how old the archive is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring an archive replaces every table of the backup with its content: everything written to them since the backup was taken is lost (a table created later stays as it is). The plan gives the backup&apos;s time, size and tables against the live database&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CellIdentity</name>
    <message>
        <source>%1, namespace %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its API server was %1, this kubeconfig points at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API server %1 is pinned to another CA than the run&apos;s (SHA-256 %2… against %3…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it ran in namespace %1, this is namespace %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespace %1 is another namespace than the run&apos;s (UID %2, the run&apos;s: %3): it was deleted and created again, or this is another cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deployment %1, which the run stopped, does not exist here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deployment %1 is another deployment than the one the run stopped (UID %2, the run&apos;s: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no namespace %1 on %2: check the namespace (-n) and the kubeconfig context.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterWatch</name>
    <message>
        <source>%1 is not in the watch yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not happen within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rollout of %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComponentCatalogue</name>
    <message>
        <source>The component catalogue is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The component catalogue has an unknown version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The component catalogue has a component without a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComponentModel</name>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped by a restore (was %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>datastore restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HPA %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionStrings</name>
    <message>
        <source>--database is not a valid libpq connection string: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--database contains a password. Remove it: give it through PGPASSWORD, .pgpass, or the profile&apos;s keychain entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--datastore must be redis://[user@]host:port[/db] or rediss://… (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--datastore contains a password. Remove it: give it through REDISCLI_AUTH or the profile&apos;s keychain entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--datastore: &quot;/%1&quot; is not a database index</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>Cannot read the cluster&apos;s CA certificate %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile has no data store host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialSource</name>
    <message>
        <source>The token file %1 named by user &quot;%2&quot; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the token file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1 named by the kubeconfig: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential plugin &quot;%1&quot; did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential plugin &quot;%1&quot; could not be started: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential plugin &quot;%1&quot; failed (exit code %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential plugin &quot;%1&quot; did not print an ExecCredential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential plugin &quot;%1&quot; gave neither a token nor a client certificate and key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progressing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s) still terminating</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>Cannot create the journal folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the run&apos;s journal %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the run&apos;s journal %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the run&apos;s journal %1: %2. The run stops here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot flush the run&apos;s journal %1 to disk: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the journal %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal %1 has no start of a run (damaged?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KubeClient</name>
    <message>
        <source>The cluster at %1 did not accept the credentials of user &quot;%2&quot; (401 Unauthorized). Renew the token or log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access denied by the cluster&apos;s RBAC (403): %1. Ask the cluster admin for this permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found on the cluster (404): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict (409): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster no longer has the requested history (410 Gone): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate at %1 is not signed by the CA in your kubeconfig (or does not match the server&apos;s name). Check the cluster&apos;s certificate-authority.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing answers at %1 (connection refused). Check the server address and that the cluster is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host of %1 is unknown. Check the server address in your kubeconfig.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster at %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster at %1 closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the cluster at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster answered with something that is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The watch ended before it started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1/%2&quot; is not a valid namespace/deployment name (DNS-1123 labels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A replica count cannot be negative (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KubeConfig</name>
    <message>
        <source>Cannot read the kubeconfig %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kubeconfig (%1) has no current-context. Choose a context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context &quot;%1&quot; is not in the kubeconfig (%2). Known contexts: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context &quot;%1&quot; names the cluster &quot;%2&quot;, which the kubeconfig does not define.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context &quot;%1&quot; names the user &quot;%2&quot;, which the kubeconfig does not define.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster &quot;%1&quot; in %2 sets both a certificate authority and insecure-skip-tls-verify; remove one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the certificate authority %1 named by cluster &quot;%2&quot;: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelSelector</name>
    <message>
        <source>A label selector of the cluster is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaseLock</name>
    <message>
        <source>Another restore of this cell is in progress: the lock (Lease %1/%2) is held by %3, renewed %4 UTC. Wait for it to end, or resume/abort it where it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another restore of this cell is in progress (lock held by %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PgStoreProbe</name>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is still in recovery: it does not accept writes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database user &quot;%1&quot; may not restore %2: it is neither a superuser nor the owner of the database and all its tables (%3 are owned by others).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database session ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PgTools</name>
    <message>
        <source>No pg_dump/pg_restore for PostgreSQL %1 or newer was found (looked in /usr/lib/postgresql/%1/bin and PATH). Install the client tools of the server&apos;s major version (Debian: postgresql-client-%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a private folder for the password file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivateDir</name>
    <message>
        <source>Cannot create the private folder %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder of this user: temporary credentials are not written there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make %1 private (mode 0700).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private folder %1 does not have mode 0700 of this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a private folder in %1: too many in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a plain file name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>A profile has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: unknown database kind &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: unknown datastore kind &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>Cannot read the profiles %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file %1 is damaged; it was kept as %2 and the app starts with no profiles. Re-create them or repair the copy and import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file %1 was written by a newer eic-restore (format %2, this one reads %3). It is left unchanged (a copy is at %4); update eic-restore to edit profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is not valid: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was written by a newer eic-restore; update to import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file %1 belongs to a newer eic-restore; it is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the profiles to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (from %2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; of %2 shares its id with &quot;%3&quot;; it was moved with a new id, so its secrets must be entered again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; of %2 was renamed to &quot;%3&quot;: a profile of that name exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; of %2 was moved into the shared profile file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles of %1 were not moved (%2); the file is left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be renamed after its profiles were moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles of the earlier files were not moved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a profile export (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles are being changed by another eic-restore or eicctl (lock %1); try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file %1 was replaced by a newer eic-restore; it is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file %1 is damaged; it is not changed. Repair it, or move it aside and restart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 backup: no backup folder in the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 backup: none yet — take one before you need it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 backup: %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External (production)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in (non-production)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed: Azure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed: AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed: other cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions (get/list/watch, scale, annotate, the lock)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server-side dry run of every scale to 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other restore of this cell in progress (lock free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup archive verified completely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store answers, with the rights the restore needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cell&apos;s identity recorded (API server, CA, namespace and deployment UIDs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session of the stopped components left in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store accepts writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> — older than %n day(s): take a new one</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The store&apos;s tables counted, before and after (the measured loss)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedisBackupFile</name>
    <message>
        <source>Cannot write the backup %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the backup %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a data store backup of eic-restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is damaged or truncated at byte %2: %3. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 was written by a newer eic-restore; update to restore it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends before its footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown record type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a record is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the checksum of record %1 does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the footer is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the footer&apos;s checksum is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the footer counts %1 records, the file holds %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there are bytes after the footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SHA-256 of the file does not match its footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 changed since it was verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup changed since it was verified (it ends early).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup changed since it was verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup changed since it was verified (an unknown record type).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup changed since it was verified (a record&apos;s checksum).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedisInspection</name>
    <message>
        <source>The data store refused INFO: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedisJobs</name>
    <message>
        <source>The data store&apos;s ACL does not let user &quot;%1&quot; run %2: %3. Grant it (e.g. +@all or +dump +restore) or use another user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store refused %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedisStoreProbe</name>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLIENT LIST is not allowed for this user (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected %1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a read-only replica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store does not accept writes (%1%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store user &quot;%1&quot; may not restore: %2. Grant +restore +flushall (or use another user).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store refused INFO: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedisTopology</name>
    <message>
        <source>The sentinel at %1:%2 cannot be asked for the master: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1:%2 is not a sentinel (it answered: %3). Check the profile&apos;s topology.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sentinel at %1:%2 knows no master named &quot;%3&quot;; check the profile&apos;s master name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster at %1:%2 lists no master serving slots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the cluster&apos;s 16384 slots have no master: the cluster is not healthy (see CLUSTER INFO); fix it before a backup or restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1:%2 is not a cluster (it answered: %3). Check the profile&apos;s topology.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reflector</name>
    <message>
        <source>The watch connection to the cluster dropped; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestorePlan</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal&apos;s plan names no target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal&apos;s plan names no data-step mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal&apos;s plan names no namespace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis/Valkey data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore of the %1 of cell %2 (context %3), data step: %4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFUSED: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
No component is stopped: the store came back as a new instance.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Components to stop and start again (%1):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (HPA %1, %2-%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1 skipped: the cell has no such deployment
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Steps:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The data step:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Cautions (acknowledge with --accept %1; terminate-sessions is optional):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell uses a built-in (non-production) %1 (StatefulSet %2): backup and restore aren&apos;t supported for built-in services. Move to a managed or self-operated %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-flight: permissions, a server-side dry run of every scale, the store reachable, the lock free, the archive verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-flight: permissions, a server-side dry run of every scale, the stores reachable, the lock free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale %1 to 0, all at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until no pod of them exists (terminating ones included) and no session of theirs remains in the %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database (pg_stat_activity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store (CLIENT LIST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You restore the %1 with your provider&apos;s tooling, then confirm (eicctl continue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the data command; its exit status decides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep its address and credentials: the cell reconnects to the same instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then confirm: eicctl continue (or &quot;I have restored&quot; in the wizard); eicctl abort starts the components again without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore to %1 (UTC), as acknowledged in the point-in-time caution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the archive %1 with pg_restore (checksums verified first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty the data store and restore the archive %1 (verified first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the new instance and update the profile&apos;s connection to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The managed service restored into a new instance: the profile&apos;s connection is changed to it and tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell&apos;s own connection properties must be changed in Edge Lifecycle Management (Edit Edge Integration Cell solution); this tool cannot do that for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; then the store must accept writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale each component back to its recorded count, all at once, and wait for every rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify: components healthy, store checks passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the annotations and release the lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The last rehearsal kept them down for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell cannot use its %1 until its connection properties point to the new instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A HorizontalPodAutoscaler targets %1: it disables itself while they are at 0 and resumes once they run again; the recorded counts are restored first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If a session of the stopped components is still connected to the %1 when they are gone, it is ended (%2). Without this acknowledgement the restore waits, and then rolls back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the database with your provider&apos;s tooling (e.g. the cloud console&apos;s restore, pgBackRest, or pg_restore of a dump).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the data store with your provider&apos;s tooling (e.g. the cloud console&apos;s restore, or an RDB/AOF file loaded at start-up).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store could not be inspected (%1), so whether it keeps an append-only file is not known. If it does not, a restore brings back a snapshot and whatever was written after it is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLUSHALL removes all keys of the data store (how many could not be read) before the archive is loaded, so that it holds exactly the backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No component of an Edge Integration Cell was found in namespace %1: eicctl status -n %1 shows what is there; check -n and the kubeconfig context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message service (StatefulSet %1 in %2, %3 replicas) is protected by replication (high availability), not by backup: there is no restore of it. Check its replication on the dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message service (StatefulSet %1 in %2) runs as a single instance: it has no replica and no backup, so nothing protects its data, and there is no restore of it. Only high availability (3 instances, set in Edge Lifecycle Management) protects it against the loss of its volume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message service (StatefulSet %1 in %2) was not found or runs no instance, and there is no restore of it: the vendor protects it by replication (high availability), not by backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database was not inspected (no connection to it was given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database could not be inspected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: up to %1 (an estimate, counted to %2: the server does not record commit times, track_commit_timestamp is off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: up to %1 (the newest commit is from %2; track_commit_timestamp is on, so this is exact).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, but no commit is newer than it (the newest is from %1; track_commit_timestamp is on, so this is exact).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; how much is not known: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database goes back to %1: everything written after it is lost%2 The vendor prefers a complete recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup %1 (its manifest could not be read: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the backup taken at %1 (%2, %n table(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The live database is %1 with %n table(s) now.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The live database was not inspected (no connection to it was given), so its size and tables are not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live database could not be inspected: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is replaced by %2; %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> The store holds %n key(s) now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; the archive holds %n.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The archive&apos;s time could not be read (%1): the data store goes back to the archive, and whatever was written after it was taken is lost.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its header names none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive was taken at %1%2: the data store goes back to it, and whatever was written after it is lost.%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no restore of the message service (StatefulSet %1 in %2): it is protected by replication (high availability, 3 instances) only where it runs with replicas, never by backup. Whether this cell&apos;s does could not be read; the dashboard shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Record the replica count of %n component(s) in the journal and as annotation eic-restore/original-replicas</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 with %2 stop until the restore is done: %3.%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n component(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>everything written since it was taken to the backup&apos;s tables is lost (a table created later stays as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything written to its tables since (%1) is lost (a table created later stays as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store keeps no append-only file: a restore brings back a snapshot, and whatever was written after it is lost. The current snapshot is %1 old; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the store holds %n key(s) now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The data store keeps no append-only file and has never saved a snapshot: whatever is not in the backup is lost. The store holds %n key(s) now.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>FLUSHALL removes all %n key(s) of the data store before the archive is loaded, so that it holds exactly the backup.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreReport</name>
    <message>
        <source>Restore report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore report %1 — page %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown report format &quot;%1&quot;: json, html or pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the report %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not the journal of a run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data step (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting until available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore of the %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored and verified; every component is back at its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run has not finished: resume or abort it (eicctl resume / eicctl abort).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eic-restore %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cautions acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it means, with its numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (HPA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete, with leftovers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-flight failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored; every component is back at its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left behind: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows in the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows after the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys in the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys after the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>db %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items restored by pg_restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store accepts writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksums read again (the backup changed since the pre-flight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings of pg_restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys skipped (expired since the backup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store was emptied first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys compared with the backup (sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest against the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit status of the data command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore confirmed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile points to the new instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time the engine took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup, checked before the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal holds no measurement of the tables or keys (this run&apos;s version or mode does not take it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured before the data step only: the run ended before the second measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured after the data step only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not measured: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted in the store right before the data step and right after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not identified (no store connection was given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system identifier %1, database OID %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, namespace %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (UID %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; kubeconfig context %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded (the journal of an older version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file last modified %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taken %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change / ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel and rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, during the %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cancel was asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing is recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of the data step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) of the stopped components were still connected and were ended (terminate-sessions): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing failed: the cancel was asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started, not finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the admin&apos;s restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not done: nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted: the store may be partly restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: the command&apos;s effect is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored with the provider&apos;s tooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored from a backup of eic-restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait for quiescence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANDBOX — a rehearsal cell on this machine, not a production cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL — a rehearsal of the procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n replica(s) available</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>cluster %1, namespace %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2 answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may read and scale the deployments in namespace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the API server accepted a server-side dry run of scaling %n component(s) to 0</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the Lease eic-restore was free and is held by this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every file&apos;s size and SHA-256 match the backup&apos;s manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every record&apos;s CRC-32C and the file&apos;s SHA-256 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database is a primary, not in recovery, and accepts writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data store is a primary, not loading, and accepts writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no session of the stopped components remains in the %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed; the journal records nothing more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal records no reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreSummary</name>
    <message>
        <source>(no connection given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>point the cell at the new database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>point the cell at the new data store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you restore the database at %1 yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you restore the data store at %1 yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace database `%1` at %2 with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace every key of the data store at %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as long as the last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an estimate: no run or drill of this target yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stop %n component(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) on %3; %4; expected downtime ~%5 (%6).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunContext</name>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throwaway sandbox in %1; removed when the sandbox stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox needs the PostgreSQL server programs (initdb, postgres) under /usr/lib/postgresql/N/bin; install the package postgresql.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox needs redis-server; install the package redis-server (or valkey-server).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox needs eic-sim, the simulated cell; it is installed with eic-restore, next to eic-restore or on PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a directory for the sandbox under %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty; give the sandbox a new or empty directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the sandbox directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write in the sandbox directory %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL refuses to run as root and there is no system user &quot;postgres&quot; to run it as; install the package postgresql.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be entered by other users, so PostgreSQL (user postgres) cannot reach the sandbox; choose another directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot give %1 to the user postgres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the PostgreSQL database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write in the sandbox directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>initdb could not create the sandbox&apos;s database cluster (exit %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1/initdb.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting PostgreSQL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading sample data into PostgreSQL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the sandbox&apos;s database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the sandbox&apos;s database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the sample data into PostgreSQL failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting Redis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading sample data into Redis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the sample data into Redis failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the simulated cell…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulated cell (eic-sim) stopped while starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the simulated cell %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulated cell (eic-sim) did not start within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulated cell wrote no usable kubeconfig.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped while starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No keychain answered within %1 s (is a Secret Service such as gnome-keyring running and unlocked?). The secret is asked for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secret is stored for this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OS keychain is not available (%1). The secret is asked for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep passwords, install gnome-keyring (or use KWallet) and log in to a desktop session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep passwords, start and unlock gnome-keyring (a desktop login does), then start the program again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (%1). %2 Until then, passwords you enter are kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no D-Bus session bus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the D-Bus session bus cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the D-Bus session bus does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Secret Service such as gnome-keyring or KWallet runs on the D-Bus session bus</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreProbe</name>
    <message>
        <source>the run restores a %1, this is a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2 has %3 %4, the run&apos;s store (%5) had %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s store was %1, this is %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreStatus</name>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standby (in recovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store refused INFO: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valkey %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 at %2 did not answer within %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WizardParts</name>
    <message>
        <source>%1: Not checked — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from an archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored by you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::cell::CellMonitor</name>
    <message>
        <source>other workload of the cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in this cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in this cell (added in cell version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No component of an Edge Integration Cell is in namespace %1 of context %2. Check the namespace (-n, or the profile&apos;s) and the context; the cell is usually in edge-icell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cluster has not answered yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cluster refused us (see the connection line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the cluster yet; retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no contact with the cluster since %1 (last known: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the cluster yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::cell::ComponentModel</name>
    <message>
        <source>A database restore scales this component to 0 and back to its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A datastore restore scales this component to 0 and back to its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s) terminating</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown (no contact for %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::profiles::ConnectionTester</name>
    <message>
        <source>TLS verification is OFF for this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kubernetes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may read deployments in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may scale deployments in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell reachable; this login may read and scale deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell reachable, but this login may not %1 deployments in %2 — a restore needs both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile has no database connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in as %1 (server %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is in recovery (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS %1, server certificate verified (sslmode=%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS %1, but the server is NOT verified (sslmode=%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no TLS: the connection is not encrypted (sslmode=%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database reachable: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store refused INFO: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (ROLE refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS, server certificate verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no TLS: the connection is not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data store reachable: %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::profiles::KeychainSecretStore</name>
    <message>
        <source>the OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::profiles::MemorySecretStore</name>
    <message>
        <source>No secret is stored for this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this session only (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::CleanupStep</name>
    <message>
        <source>the annotation %1 on deployment %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lock (Lease %1/%2; it expires by itself)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::DataStep</name>
    <message>
        <source>The backup cannot be restored without a connection to the %1: give --%2 or --profile. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data command exited with status %1: the store may be partly restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data command was killed: the store may be partly restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data command could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store connection given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::PreflightStep</name>
    <message>
        <source>You may not %1 %2 in the namespace: ask the cluster admin for this permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dry-run scale of %1 to 0 was refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store connection given; sessions, writes and the store&apos;s identity are not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No %1 connection was given: the %2 mode needs one (--profile or --%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive mode needs a backup: --from PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archive: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 itself: reachable, its identity, the sessions of the stopped components, accepting writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store connection given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::QuiesceStep</name>
    <message>
        <source>The stop of every pod of the stopped components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sessions of the stopped components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store connection given</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) of the stopped components are still connected to the %1 (%2). End them, or acknowledge terminate-sessions.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>eic::restore::RecordStep</name>
    <message>
        <source>The replica count of %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store connection given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 did not answer within a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 could not be measured: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::RestoreRunner</name>
    <message>
        <source>The restore was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid namespace name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An interrupted restore (%1) must be finished first: eicctl resume, or eicctl abort to roll it back. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-flight passed; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile now points to the new instance, and it accepts writes. Change the cell&apos;s connection properties in Edge Lifecycle Management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore complete: the %1 was restored and every component is back at its recorded count (down for %2 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store connection given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The components are stopped. Restore the %1 now with your provider&apos;s tooling, then run: eicctl continue (or eicctl abort to start them again without a restore).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 is already finished (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster cannot be read (%1); run the same command again when it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aborted by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run waits for the data step: restore the store, then eicctl continue (or eicctl abort).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> If you are sure that run is gone, remove its lock (kubectl -n %1 delete lease %2) and run eicctl abort again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to roll back: no journal of an unfinished run, and no deployment in %1 carries %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No journal was found; the counts come from the annotations %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not acknowledged: %1. Read them (eicctl plan) and pass --accept %2 to go on%3. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (optional, add it only if you mean it: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 restores a backup, and finishing it needs the %2&apos;s connection and password. Nothing was changed: give them (the profile, or eicctl resume --%3), or abort the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store does not accept writes yet (%1). When it does, confirm again (eicctl continue); eicctl abort starts the components without a restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — the components stay stopped; confirm again once the store accepts writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored, but left behind: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Not checked: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rollback is under way and is not interrupted: it brings every component back to its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore was cancelled during the pre-flight. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (its kubeconfig context was &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 cannot be checked against this cell: %2 Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its journal does not record the cluster&apos;s identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 ran in namespace %2, not %3. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 belongs to another cell: %2. It was started on %3%4. Nothing was changed on this cell; run the command again with that cell&apos;s kubeconfig and namespace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 restores another %2: %3. Nothing was changed; give the run&apos;s store (%4), or its profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run is already finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore complete: the data step succeeded and every component is back at its recorded count (down for %2 s); the %1 itself was not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 itself: accepting writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End these sessions: asked during the wait for the stopped components&apos; sessions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::RestoreSession</name>
    <message>
        <source>The components go back to their recorded counts and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written to the store: the data step has not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store stays as it is now: if you began restoring it yourself, it holds what you restored so far, and the report says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step is under way: the store stays as it is at the moment of the cancel, partly restored, and the report says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step finished: the store keeps the restored data; only the components&apos; start is undone and redone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::Rollback</name>
    <message>
        <source>%1 could not be scaled back to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The rollback could not finish: %2 Run eicctl abort again when the cluster answers; the recorded counts are in the journal and on the deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rollout of every component after the rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (Not every rollout finished: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the annotation %1 on deployment %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lock (Lease %1/%2; it expires by itself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Left behind: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Rolled back: every component is at its recorded count (%2).%3 %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step was not done; the store is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step was done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step: %1 — the database may be partly restored; restore it again before relying on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step: %1 — the data store may have been emptied and partly loaded; restore it again before relying on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::StartStep</name>
    <message>
        <source>%1 could not be scaled back to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rollout of every component</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::StopStep</name>
    <message>
        <source>%1 could not be scaled to 0: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::restore::VerifyStep</name>
    <message>
        <source>%1 has %2 of %3 replicas available</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::PgBackup</name>
    <message>
        <source>pg_dump could not be started: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup folder: choose one (--to DIR, or the profile&apos;s backup folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was cancelled; the partial backup was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump failed: %1. The partial backup was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was cancelled; nothing was kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::PgRestore</name>
    <message>
        <source>pg_restore could not be started: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore cannot read the backup&apos;s table of contents: %1 Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is in recovery (read-only); a restore cannot write to it. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role %1 may not drop and re-create the database&apos;s objects (it must own the database and its tables, or be a superuser). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 (user %3 from %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed application</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) are still connected to the database: %1. Stop the cell&apos;s components, or acknowledge terminate-sessions to end them. Nothing was changed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sessions came back or did not end after they were terminated (an application reconnects?). Stop the cell&apos;s components first. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore was cancelled before it began; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore was cancelled after %1 of %2 items: the database is PARTLY restored. Restore a backup again before starting the cell&apos;s components.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore failed: %1. The database may be partly restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the restore the database is in recovery: it does not accept writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the restore the database does not accept writes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (expected %2 rows, found %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore finished but the data does not match the backup: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::PgSession</name>
    <message>
        <source>The database at %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL %1.%2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the database at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database at %1 refused the connection: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the database at %1 was lost: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database answered with an error: %1 (SQLSTATE %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database session is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot send the query to the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::RedisBackup</name>
    <message>
        <source>The data store connection was lost after %1 keys: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was cancelled; the partial file was removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::RedisConnection</name>
    <message>
        <source>its TLS certificate is not signed by the CA you gave (or does not match its name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused; check host and port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 cannot be reached: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 refused the login: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 refused database %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 answered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the data store&apos;s CA certificate %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store connection is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 sent something that is not RESP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store at %1 sent a malformed reply.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::RedisJobRunner</name>
    <message>
        <source>A data store transfer is already running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::stores::RedisRestore</name>
    <message>
        <source>The backup holds keys in database %1, but a cluster has only database 0. Restore it into a standalone server, or move those keys first. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore was cancelled after %1 of %2 keys: the data store is PARTLY restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the data store was lost after %1 of %2 keys were restored: %3 The data store is PARTLY restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster moved slot %1 to %2, a master it did not have when the restore began: it is being resharded. %3 of %4 keys were restored; run the restore again when the resharding is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster is migrating slot %1 (%2): a restore during a resharding could be lost. %3 of %4 keys were restored; run the restore again when the resharding is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 of %2 keys were restored.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore finished but the data store does not match the backup: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database %1 holds %2 keys, the backup %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 of database %2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 of database %2 differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Other masters may already be emptied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::AboutDialog</name>
    <message>
        <source>About eic-restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guided, crash-safe backup and restore of the PostgreSQL database and the Redis/Valkey data store of SAP Edge Integration Cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers of the current cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cell open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no database in this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data store in this profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::BackupsView</name>
    <message>
        <source>Backups — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the &amp;database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the data &amp;store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile has no database connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile has no data store connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database backup complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the data store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the data store: %1 of %2 keys, %3 keys/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data store backup complete: %1 keys in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>database %1 (PostgreSQL %2): %n table(s), </source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>db%1: %n key(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (a backup of an older eic-restore has no %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (of manifest.json, which lists the SHA-256 of every file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: the file has no complete footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (recorded in the file, of everything before it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything of %1 could be deleted; check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore this backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;tails…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checked as it was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no backup yet to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a backup in the list first, then %1 it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the %1 backup %2 (%3, taken %4, %5 ago)? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the newest verified backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the newest verified %2 backup. Without it, %3. Delete it all the same?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no verified %1 backup is left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest verified one is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked since it was last changed: use Verify</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::BlockingSessions</name>
    <message>
        <source>Still connected to the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application or client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End these sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledges terminate-sessions: the stopped components&apos; sessions are ended now, other clients are left alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Roll back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ending the sessions of the stopped components…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name; id %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) of the stopped components still connected to the store</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The restore waits for them until %1 (%2 left). If they are still connected then, it rolls back: the components start again and the store is not touched. End them now to go on, or roll back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::CautionsWizardPage</name>
    <message>
        <source>Cautions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand and accept this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End such sessions if they remain (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n caution(s); every required one is acknowledged.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Read each one and tick it. After this page, the restore starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. CHG0012345; it goes into the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change or ticket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1; %2 still to acknowledge&lt;/b&gt; (scroll to see them all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n caution(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the %1 required</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not “%2”: check that this is the cell you mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the profile&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cluster&apos;s host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the context&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm that this is the cell you mean, type %1 &lt;b&gt;%2&lt;/b&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::CellConnection</name>
    <message>
        <source>C&amp;ell:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved profile, or a context of the kubeconfig</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (kubeconfig context)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid namespace name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live, but no cell here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting in %1 s — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable — no contact for %1 s — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale — no contact for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the cluster for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster %1 · namespace &lt;b&gt;%2&lt;/b&gt; · &lt;span style=&quot;%3&quot;&gt;&amp;nbsp;● %4&amp;nbsp;&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::DashboardView</name>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped by a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components of the cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ TLS verification is off for this cluster (insecure-skip-tls-verify in the kubeconfig): anyone between you and %1 could read and change this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Built-in (non-production) stores&lt;/b&gt;: %1 — backup and restore not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message service and built-in stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known yet (the cluster has not answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (no contact for %1 s); last known: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has no backup and no restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected by replication, not by backup: it has no restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A single instance: no replica protects it, and it has no backup and no restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;StatefulSet %1&lt;/b&gt; in %2: %3.&lt;br&gt;&lt;i&gt;%4&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Built-in stores&lt;/b&gt;: none in the cell — the stores are external; backup and restore are supported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::DataWizardPage</name>
    <message>
        <source>The data step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed: the store was restored. Checking that it accepts writes, then starting the components…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The components are stopped. Restore the %1 now; then confirm below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the archive %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the new instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have restored the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have restored the data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keys/s%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data step started (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data step: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• Not checked — no connection to the store was given: nothing shows that it was restored or accepts writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• It is the same store as before the restore (its recorded identity at %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• It accepts writes (a write in a transaction that is rolled back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>• Then %n component(s) start again at their recorded counts.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Have you finished restoring the database?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have you finished restoring the data store?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you confirm, eic-restore checks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A check that fails keeps the components stopped and says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is restored?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data store is restored?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::DowntimeClock</name>
    <message>
        <source>The components were down from %1 to %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell&apos;s components are down since %1 — %2 so far.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::FinishWizardPage</name>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total downtime: %1 s. The report below is what you hand to the change board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report below is what you hand to the change board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written: %1
SHA-256: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left behind — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::LogPane</name>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::MainWindow</name>
    <message>
        <source>eic-restore — Edge Integration Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the &amp;sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated cell on this computer with throwaway stores, to rehearse a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore the database or data store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore &amp;procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About eic-restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no kubeconfig was found (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Sandbox] eic-restore — Edge Integration Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: rolling back the restore before exiting (up to %2 min): every component goes back to its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back: the window closes once every component is back at its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close; finish it later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unfinished restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A kubeconfig context names no stores: open a profile to see its database and data store.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::PlanWizardPage</name>
    <message>
        <source>The plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These components stop, the data comes back the way you choose, and they start again at the counts they have now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas now (restored after)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoscaler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the data comes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External: I restore with my provider&apos;s tooling, then confirm here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: a backup taken by eic-restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New instance: the managed service restored into a new instance (nothing is stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point in time (external database restore):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new instance: host=… dbname=… user=… (database) or rediss://host:port (data store); the password stays the profile&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test the new instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No component is stopped: the managed service restored into a new instance, and the profile moves to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HPA %1–%2: pauses at 0, resumes after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (this cell has no such deployment): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup found in the profile&apos;s backup folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ The archive is intact (every checksum verified).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ The archive is damaged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ The new instance answers. On Next, the profile will point to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::PreflightWizardPage</name>
    <message>
        <source>Pre-flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks that change nothing: if one fails, it says what to fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the cell and the store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell or the store cannot be read; fix that and go back and forth to check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components found: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (skipped, not in this cell: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data store: %1 keys, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>append-only file on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshots only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-flight passed; nothing was changed. Next: the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-flight passed, but not every check could be made (%1 not checked, amber above); nothing was changed. Next: the plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::ProcedureDialog</name>
    <message>
        <source>The restore procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring a store of an Edge Integration Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell keeps its state in two stores: a PostgreSQL database and a Redis or Valkey data store. The components that use a store must not run while it is restored, or they would write into a half-restored store and keep stale data in memory. The vendor&apos;s procedure, done by hand with kubectl, is:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write down the replica count of every deployment in the namespace edge-icell that uses the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale those deployments to 0 and wait until none of their pods is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the store with the provider&apos;s tooling (a database backup or a point-in-time recovery; a data store snapshot), or point the cell at a new instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale the deployments back to the counts written down, and wait until every rollout is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What eic-restore adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A plan first: which components stop, how many pods, what each caution means for this cell, and a pre-flight that checks permissions, dry-runs every scale on the server, checks the stores and the archive, and takes a lock so that two restores cannot overlap. Nothing changes until you acknowledge the cautions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recorded counts are kept in a journal on this computer and as an annotation on each deployment, before anything is scaled. If eic-restore, the computer or the connection fails, the next start offers to finish the restore or to roll it back: no component is left at 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All components stop at once and start at once; eic-restore waits until no pod and no session of theirs is left before the data step, and for every rollout afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is verified after the data step (tables and row counts, keys and samples), and a report of the run (JSON, HTML, PDF) can go to your change board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A failure or a cancel rolls back: every component returns to its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A plan lists the cautions that apply, each with the numbers of your cell. In eicctl they are acknowledged with --accept and their id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modes of the data step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;External&lt;/b&gt;: you restore with the provider&apos;s tooling while the components are stopped, then press Continue (or let a command&apos;s exit status decide). &lt;b&gt;Archive&lt;/b&gt;: eic-restore restores a backup it took itself. &lt;b&gt;New instance&lt;/b&gt;: a managed cloud store came back as a new instance; nothing is stopped and the profile&apos;s address is updated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::ProfileActions</name>
    <message>
        <source>&amp;New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duplicate profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import the current context as a profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport profiles (without secrets)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;mport profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy was made, but its secrets were not: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the profile &quot;%1&quot; and its secrets in the keychain? The cell itself is not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; was deleted, but its secrets could not be removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no profiles to export yet: create one first (Profiles ▸ New profile…).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::ProfileEditor</name>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>production, quality, development…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backups and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a kubeconfig context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address and token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a kubeconfig</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: $KUBECONFIG, then ~/.kube/config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kubeconfig:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the cluster&apos;s CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster &amp;CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip TLS verification (insecure: anyone on the path can read and change the session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the cell connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TLS (sslmode):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CA that signed the database&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA (sslrootcert):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PGSERVICE name instead of the fields above (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the database connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standalone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentinel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topology:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentinel &amp;master name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port, host:port…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hosts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CA that signed the data store&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS server &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACL user (empty: default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data&amp;base index:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the data store connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where backups go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (kept in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last test failed: %1. Save anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::ProgressWizardPage</name>
    <message>
        <source>Stopping the components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All at once; the next step waits until no pod of them is left and no session of theirs remains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each goes back to its recorded count; done when every rollout is complete by kubectl&apos;s rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaled back to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pods (terminating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scaled to 0, pods terminating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped, no pod left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pod left; checking that no session of theirs remains…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session of them remains in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>available (rolled out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every component is available again; verifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 terminating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) of theirs were still connected and were ended.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>eic::ui::ReportsView</name>
    <message>
        <source>Restore reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written: %1
SHA-256: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no restore run to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run in the list first, then export it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::RestoreLauncher</name>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a cell first (choose a context or a profile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the cell %1 first, then choose again (Restore menu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back run %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal of run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (context %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore is running on cell %1: its pre-flight is under way; no component is stopped and nothing was written.

Roll back and close ends it and closes the window; Keep running leaves the window open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They wait for your data step; this program wrote nothing to the %1. Close keeps them stopped: the next start offers to finish or roll back the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 was restored; the components are being started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step has not begun: nothing was written to the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data step is under way: the %1 may already be partly restored. A rollback starts the components on the %1 as it is now, and the report says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 component is stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 components are stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore is running on cell %1: %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back and close returns every component to its recorded count, then closes the window; Keep running leaves the window open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rollback did not finish within %1 min; components may still be stopped. Its journal keeps the run: the next start of eic-restore (or eicctl resume --abort) finishes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore of the %1 of cell %2, started by %3, did not finish (run %4; data step: %5).

Recorded counts: %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It ran on %1, not on the open cell (%2): open that cell to finish or roll it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume finishes it after re-reading the cell; Roll back returns every component to its recorded count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s namespace is %1, the open one %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s API server is %1, the open one %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API server %1 is pinned to another CA than the run&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has the %1 been restored? Continue checks that it accepts writes, then starts the components of run %2 on %3 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume run %1 on %2? It reads the cell again, then finishes the restore from where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back run %1 on %2? Every component goes back to its recorded count; the %3 stays as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming run %1 needs the %2&apos;s password: the profile %3 has none saved for %4.

Password for this run only (it is not saved; empty if the %2 needs none):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume of run %1 cancelled: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::RestoreWizard</name>
    <message>
        <source>Restore — cell %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back the restore?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::SandboxBanner</name>
    <message>
        <source>Sandbox banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Starting the sandbox&lt;/b&gt; — a simulated cell with throwaway PostgreSQL and Redis on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Starting the sandbox&lt;/b&gt; — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;SANDBOX&lt;/b&gt; — a simulated cell on this computer with throwaway PostgreSQL %1 and Redis %2 holding sample data. Nothing here touches a real cell; everything (%3) is removed when you stop the sandbox or quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::SandboxWorkspace</name>
    <message>
        <source>The sandbox in %1 holds what you made in it:
  backup files: %2
  files of restore runs (journals, reports): %3
  reports saved there: %4
Stopping the sandbox removes them.

Keep a copy in %5?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a copy and stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove them and stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox keeps running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s backups, runs and reports are kept in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::SecretResolver</name>
    <message>
        <source>Cell token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for this session only:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 could not be saved in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::StoreBox</name>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listed: the store does not let this user see its clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none but ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ×%2 from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and %1 more names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the store now (after fixing its password in the profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile is open: its stores are shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● reachable — checked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● unreachable — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved password was refused: correct it in the profile, then Check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the figures below are from %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused while a restore runs (no connection of ours in its way)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, LOADING its data: not serving yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, accepts writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in memory · %2 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last RDB save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never saved a snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AOF on · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AOF off (snapshots only) · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without AOF only a snapshot can be restored: whatever was written after it is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAL archiving on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAL archiving off (no point-in-time recovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the profile names no backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet in the profile&apos;s backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 ago), %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · verified%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · FAILED verification: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · not verified yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has verified this backup: Restore → Backups… reads it through.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::StoresPanel</name>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile names no database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile names no data store.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::TargetWizardPage</name>
    <message>
        <source>What do you restore?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cell:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Redis/Valkey data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stops edc, edge-api, mdc, worker and, in current cells, auditlog-agent, destination-configuration, destination-db-management</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stops policyengine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespace %1, context %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell: namespace %1, context %2%3. Choose the store; nothing changes until you have read and acknowledged the cautions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the cell…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in (non-production) service: backup and restore aren&apos;t supported for built-in services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell has %1 deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup and no restore: only replication (three or more replicas) protects it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message service has no backup and no restore: with three or more replicas, replication (high availability) protects it; a single instance has nothing that protects it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::UnfinishedBanner</name>
    <message>
        <source>Unfinished restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll &amp;back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespace %1 (context %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none begun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unfinished restore of %1 on %2 (started %3 by %4, step %5): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no component was stopped yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the components %1 may be at 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open cell is not the run&apos;s (%1): open the run&apos;s cell to resume or roll it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open its cell to resume or roll it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It waits for your data step: Continue once %1 is restored, or roll it back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::WelcomePage</name>
    <message>
        <source>Welcome to eic-restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eic-restore backs up and restores the PostgreSQL database and the Redis/Valkey data store of an SAP Edge Integration Cell. It stops the components that use the store, restores it, verifies it and starts them again at their recorded counts — crash-safe, and with a report for your change board. To begin, tell it how to reach your cell, or rehearse on a sandbox first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from kubeconfig</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a profile from a context of your kubeconfig (%1), then add the database and data store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No kubeconfig context to import: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Context:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type in the cell&apos;s API server and token, its database and its data store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated cell on this computer with a throwaway PostgreSQL and Redis holding sample data: rehearse a backup and a restore without touching a real cell. Everything is removed when you stop it or quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the dashboard of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the kubeconfig&apos;s current context without a profile (no backup or restore of its stores).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>eic::ui::WizardHeader</name>
    <message>
        <source>no profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database: no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store: no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data store &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
