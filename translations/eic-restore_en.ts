<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>BackupVerification</name>
        <message numerus="yes">
            <source>%n file(s): each one's size and SHA-256 match the manifest</source>
            <translation>
                <numerusform>%n file: each one's size and SHA-256 match the manifest</numerusform>
                <numerusform>%n files: each one's size and SHA-256 match the manifest</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Health</name>
        <message numerus="yes">
            <source>%n pod(s) still terminating</source>
            <translation>
                <numerusform>%n pod still terminating</numerusform>
                <numerusform>%n pods still terminating</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message numerus="yes">
            <source> — older than %n day(s): take a new one</source>
            <translation>
                <numerusform> — older than %n day: take a new one</numerusform>
                <numerusform> — older than %n days: take a new one</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RestorePlan</name>
        <message numerus="yes">
            <source>Record the replica count of %n component(s) in the journal and as annotation eic-restore/original-replicas</source>
            <translation>
                <numerusform>Record the replica count of %n component in the journal and as annotation eic-restore/original-replicas</numerusform>
                <numerusform>Record the replica count of %n components in the journal and as annotation eic-restore/original-replicas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n component(s)</source>
            <translation>
                <numerusform>%n component</numerusform>
                <numerusform>%n components</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n pod(s)</source>
            <translation>
                <numerusform>%n pod</numerusform>
                <numerusform>%n pods</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>the backup taken at %1 (%2, %n table(s))</source>
            <translation>
                <numerusform>the backup taken at %1 (%2, %n table)</numerusform>
                <numerusform>the backup taken at %1 (%2, %n tables)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The live database is %1 with %n table(s) now.</source>
            <translation>
                <numerusform>The live database is %1 with %n table now.</numerusform>
                <numerusform>The live database is %1 with %n tables now.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> The store holds %n key(s) now</source>
            <translation>
                <numerusform> The store holds %n key now</numerusform>
                <numerusform> The store holds %n keys now</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>; the archive holds %n.</source>
            <translation>
                <numerusform>; the archive holds %n.</numerusform>
                <numerusform>; the archive holds %n.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>the store holds %n key(s) now</source>
            <translation>
                <numerusform>the store holds %n key now</numerusform>
                <numerusform>the store holds %n keys now</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The data store keeps no append-only file and has never saved a snapshot: whatever is not in the backup is lost. The store holds %n key(s) now.</source>
            <translation>
                <numerusform>The data store keeps no append-only file and has never saved a snapshot: whatever is not in the backup is lost. The store holds %n key now.</numerusform>
                <numerusform>The data store keeps no append-only file and has never saved a snapshot: whatever is not in the backup is lost. The store holds %n keys now.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>FLUSHALL removes all %n key(s) of the data store before the archive is loaded, so that it holds exactly the backup.</source>
            <translation>
                <numerusform>FLUSHALL removes all %n key of the data store before the archive is loaded, so that it holds exactly the backup.</numerusform>
                <numerusform>FLUSHALL removes all %n keys of the data store before the archive is loaded, so that it holds exactly the backup.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RestoreReport</name>
        <message numerus="yes">
            <source>%n session(s) of the stopped components were still connected and were ended (terminate-sessions): %1</source>
            <translation>
                <numerusform>%n session of the stopped components were still connected and were ended (terminate-sessions): %1</numerusform>
                <numerusform>%n sessions of the stopped components were still connected and were ended (terminate-sessions): %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n replica(s) available</source>
            <translation>
                <numerusform>%1 of %n replica available</numerusform>
                <numerusform>%1 of %n replicas available</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>the API server accepted a server-side dry run of scaling %n component(s) to 0</source>
            <translation>
                <numerusform>the API server accepted a server-side dry run of scaling %n component to 0</numerusform>
                <numerusform>the API server accepted a server-side dry run of scaling %n components to 0</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RestoreSummary</name>
        <message numerus="yes">
            <source>%n s</source>
            <translation>
                <numerusform>%n s</numerusform>
                <numerusform>%n s</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Stop %n component(s)</source>
            <translation>
                <numerusform>Stop %n component</numerusform>
                <numerusform>Stop %n components</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n pod(s)</source>
            <translation>
                <numerusform>%n pod</numerusform>
                <numerusform>%n pods</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::cell::ComponentModel</name>
        <message numerus="yes">
            <source>%n pod(s) terminating</source>
            <translation>
                <numerusform>%n pod terminating</numerusform>
                <numerusform>%n pods terminating</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::restore::QuiesceStep</name>
        <message numerus="yes">
            <source>%n session(s) of the stopped components are still connected to the %1 (%2). End them, or acknowledge terminate-sessions.</source>
            <translation>
                <numerusform>%n session of the stopped components is still connected to the %1 (%2). End it, or acknowledge terminate-sessions.</numerusform>
                <numerusform>%n sessions of the stopped components are still connected to the %1 (%2). End them, or acknowledge terminate-sessions.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::stores::PgRestore</name>
        <message numerus="yes">
            <source>%n session(s) are still connected to the database: %1. Stop the cell's components, or acknowledge terminate-sessions to end them. Nothing was changed.</source>
            <translation>
                <numerusform>%n session is still connected to the database: %1. Stop the cell's components, or acknowledge terminate-sessions to end them. Nothing was changed.</numerusform>
                <numerusform>%n sessions are still connected to the database: %1. Stop the cell's components, or acknowledge terminate-sessions to end them. Nothing was changed.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::ui::BackupsView</name>
        <message numerus="yes">
            <source>database %1 (PostgreSQL %2): %n table(s), </source>
            <translation>
                <numerusform>database %1 (PostgreSQL %2): %n table, </numerusform>
                <numerusform>database %1 (PostgreSQL %2): %n tables, </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>db%1: %n key(s)</source>
            <translation>
                <numerusform>db%1: %n key</numerusform>
                <numerusform>db%1: %n keys</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::ui::BlockingSessions</name>
        <message numerus="yes">
            <source>%n session(s) of the stopped components still connected to the store</source>
            <translation>
                <numerusform>%n session of the stopped components still connected to the store</numerusform>
                <numerusform>%n sessions of the stopped components still connected to the store</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::ui::CautionsWizardPage</name>
        <message numerus="yes">
            <source>%n caution(s); every required one is acknowledged.</source>
            <translation>
                <numerusform>%n caution; every required one is acknowledged.</numerusform>
                <numerusform>%n cautions; every required one is acknowledged.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n caution(s)</source>
            <translation>
                <numerusform>%n caution</numerusform>
                <numerusform>%n cautions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of the %1 required</source>
            <translation>
                <numerusform>%n of the %1 required</numerusform>
                <numerusform>%n of the %1 required</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::ui::DataWizardPage</name>
        <message numerus="yes">
            <source>• Then %n component(s) start again at their recorded counts.</source>
            <translation>
                <numerusform>• Then %n component starts again at their recorded counts.</numerusform>
                <numerusform>• Then %n components start again at their recorded counts.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>eic::ui::ProgressWizardPage</name>
        <message numerus="yes">
            <source>%n session(s) of theirs were still connected and were ended.</source>
            <translation>
                <numerusform>%n session of theirs was still connected and was ended.</numerusform>
                <numerusform>%n sessions of theirs were still connected and were ended.</numerusform>
            </translation>
        </message>
    </context>
</TS>
