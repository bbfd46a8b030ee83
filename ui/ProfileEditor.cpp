#include "ProfileEditor.h"

#include "MessageBox.h"
#include "kube/KubeConfig.h"
#include "profiles/ConnectionTester.h"
#include "profiles/SecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

using profiles::SecretKind;
using profiles::StoreKind;

void addKinds(QComboBox *combo)
{
    combo->addItem(QObject::tr("External (production)"), u"external"_s);
    combo->addItem(QObject::tr("Built-in (non-production)"), u"built-in"_s);
    combo->addItem(QObject::tr("Managed: Azure"), u"managed-azure"_s);
    combo->addItem(QObject::tr("Managed: AWS"), u"managed-aws"_s);
    combo->addItem(QObject::tr("Managed: other cloud"), u"managed-other"_s);
}

QLabel *resultLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setMinimumHeight(label->fontMetrics().height() * 3);
    return label;
}

} // namespace

ProfileEditor::ProfileEditor(const profiles::Profile &initial, profiles::SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_initial(initial)
    , m_secrets(secrets)
    , m_tester(new profiles::ConnectionTester(this))
    , m_name(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(initial.name.isEmpty() ? tr("New profile") : tr("Profile %1").arg(initial.name));
    resize(680, 560);
    auto *layout = new QVBoxLayout(this);
    auto *nameRow = new QFormLayout;
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("production, quality, development…"));
    nameRow->addRow(tr("Profile &name:"), m_name);
    layout->addLayout(nameRow);
    m_tabs->addTab(cellTab(), tr("&Cell"));
    m_tabs->addTab(databaseTab(), tr("&Database"));
    m_tabs->addTab(datastoreTab(), tr("Data &store"));
    m_tabs->addTab(backupTab(), tr("&Backups and notes"));
    layout->addWidget(m_tabs, 1);
    m_problems->setObjectName(u"problems"_s);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(u"QLabel { color: #c62828; }"_s);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileEditor::confirmSave);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Rows whose field is a line edit with a Browse button: the label's shortcut goes to the edit.
    for (auto *form : findChildren<QFormLayout *>()) {
        for (int r = 0; r < form->rowCount(); ++r) {
            auto *labelItem = form->itemAt(r, QFormLayout::LabelRole);
            auto *fieldItem = form->itemAt(r, QFormLayout::FieldRole);
            auto *label = labelItem ? qobject_cast<QLabel *>(labelItem->widget()) : nullptr;
            if (label && fieldItem && fieldItem->layout() && fieldItem->layout()->count() > 0)
                label->setBuddy(fieldItem->layout()->itemAt(0)->widget());
        }
    }
    load(initial);
    // Inline validation: every edit re-checks the whole profile.
    for (auto *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::revalidate);
    for (auto *combo : findChildren<QComboBox *>())
        connect(combo, &QComboBox::currentIndexChanged, this, &ProfileEditor::revalidate);
    for (auto *box : findChildren<QCheckBox *>())
        connect(box, &QCheckBox::toggled, this, &ProfileEditor::revalidate);
    for (auto *spin : findChildren<QSpinBox *>())
        connect(spin, &QSpinBox::valueChanged, this, &ProfileEditor::revalidate);
    connect(m_fromKubeconfig, &QRadioButton::toggled, this, &ProfileEditor::revalidate);
    revalidate();
}

QLineEdit *ProfileEditor::fileField(QWidget *parent, const QString &objectName, const QString &caption, bool directory, QLayout **row)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    auto *browse = new QPushButton(tr("Browse…"), parent);
    connect(browse, &QPushButton::clicked, this, [this, edit, caption, directory] {
        const QString chosen = directory ? QFileDialog::getExistingDirectory(this, caption, edit->text())
                                         : QFileDialog::getOpenFileName(this, caption, edit->text());
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    auto *h = new QHBoxLayout;
    h->addWidget(edit, 1);
    h->addWidget(browse);
    *row = h;
    return edit;
}

QWidget *ProfileEditor::cellTab()
{
    auto *tab = new QWidget(this);
    auto *form = new QFormLayout(tab);
    m_fromKubeconfig = new QRadioButton(tr("From a kubeconfig context"), tab);
    m_manual = new QRadioButton(tr("Server address and token"), tab);
    m_fromKubeconfig->setObjectName(u"fromKubeconfig"_s);
    m_manual->setObjectName(u"manual"_s);
    auto *modes = new QHBoxLayout;
    modes->addWidget(m_fromKubeconfig);
    modes->addWidget(m_manual);
    modes->addStretch();
    form->addRow(tr("Connect:"), modes);
    QLayout *row = nullptr;
    m_kubeconfig = fileField(tab, u"kubeconfig"_s, tr("Choose a kubeconfig"), false, &row);
    m_kubeconfig->setPlaceholderText(tr("default: $KUBECONFIG, then ~/.kube/config"));
    form->addRow(tr("&Kubeconfig:"), row);
    m_context = new QComboBox(tab);
    m_context->setObjectName(u"context"_s);
    m_context->setEditable(true);
    form->addRow(tr("Con&text:"), m_context);
    connect(m_kubeconfig, &QLineEdit::editingFinished, this, &ProfileEditor::fillContexts);
    m_server = new QLineEdit(tab);
    m_server->setObjectName(u"server"_s);
    m_server->setPlaceholderText(u"https://api.cell.example:6443"_s);
    form->addRow(tr("&Server:"), m_server);
    m_cellCa = fileField(tab, u"cellCa"_s, tr("Choose the cluster's CA certificate"), false, &row);
    form->addRow(tr("Cluster &CA:"), row);
    m_token = new QLineEdit(tab);
    m_token->setObjectName(u"token"_s);
    m_token->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Token:"), m_token);
    m_insecure = new QCheckBox(tr("Skip TLS verification (insecure: anyone on the path can read and change the session)"), tab);
    m_insecure->setObjectName(u"insecure"_s);
    form->addRow(QString(), m_insecure);
    m_namespace = new QLineEdit(tab);
    m_namespace->setObjectName(u"namespace"_s);
    form->addRow(tr("&Namespace:"), m_namespace);
    auto *test = new QPushButton(tr("Test the cell connection"), tab);
    test->setObjectName(u"testCell"_s);
    connect(test, &QPushButton::clicked, this, [this] { runTest(u"cell"_s); });
    form->addRow(QString(), test);
    m_cellResult = resultLabel(tab, u"cellResult"_s);
    form->addRow(QString(), m_cellResult);
    auto updateMode = [this] {
        const bool kc = m_fromKubeconfig->isChecked();
        m_kubeconfig->setEnabled(kc);
        m_context->setEnabled(kc);
        m_server->setEnabled(!kc);
        m_cellCa->setEnabled(!kc);
        m_token->setEnabled(!kc);
        m_insecure->setEnabled(!kc);
    };
    connect(m_fromKubeconfig, &QRadioButton::toggled, this, updateMode);
    connect(m_manual, &QRadioButton::toggled, this, updateMode);
    return tab;
}

QWidget *ProfileEditor::databaseTab()
{
    auto *tab = new QWidget(this);
    auto *form = new QFormLayout(tab);
    m_dbKind = new QComboBox(tab);
    m_dbKind->setObjectName(u"dbKind"_s);
    addKinds(m_dbKind);
    form->addRow(tr("&Kind:"), m_dbKind);
    m_dbHost = new QLineEdit(tab);
    m_dbHost->setObjectName(u"dbHost"_s);
    form->addRow(tr("&Host:"), m_dbHost);
    m_dbPort = new QSpinBox(tab);
    m_dbPort->setObjectName(u"dbPort"_s);
    m_dbPort->setRange(1, 65535);
    form->addRow(tr("&Port:"), m_dbPort);
    m_dbName = new QLineEdit(tab);
    m_dbName->setObjectName(u"dbName"_s);
    form->addRow(tr("&Database:"), m_dbName);
    m_dbUser = new QLineEdit(tab);
    m_dbUser->setObjectName(u"dbUser"_s);
    form->addRow(tr("&User:"), m_dbUser);
    m_dbPassword = new QLineEdit(tab);
    m_dbPassword->setObjectName(u"dbPassword"_s);
    m_dbPassword->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Pass&word:"), m_dbPassword);
    m_sslmode = new QComboBox(tab);
    m_sslmode->setObjectName(u"sslmode"_s);
    m_sslmode->addItems({u"verify-full"_s, u"verify-ca"_s, u"require"_s, u"prefer"_s, u"allow"_s, u"disable"_s});
    form->addRow(tr("&TLS (sslmode):"), m_sslmode);
    QLayout *row = nullptr;
    m_sslrootcert = fileField(tab, u"sslrootcert"_s, tr("Choose the CA that signed the database's certificate"), false, &row);
    form->addRow(tr("&CA (sslrootcert):"), row);
    m_dbService = new QLineEdit(tab);
    m_dbService->setObjectName(u"dbService"_s);
    m_dbService->setPlaceholderText(tr("a PGSERVICE name instead of the fields above (optional)"));
    form->addRow(tr("Ser&vice:"), m_dbService);
    auto *test = new QPushButton(tr("Test the database connection"), tab);
    test->setObjectName(u"testDatabase"_s);
    connect(test, &QPushButton::clicked, this, [this] { runTest(u"database"_s); });
    form->addRow(QString(), test);
    m_dbResult = resultLabel(tab, u"databaseResult"_s);
    form->addRow(QString(), m_dbResult);
    return tab;
}

QWidget *ProfileEditor::datastoreTab()
{
    auto *tab = new QWidget(this);
    auto *form = new QFormLayout(tab);
    m_dsKind = new QComboBox(tab);
    m_dsKind->setObjectName(u"dsKind"_s);
    addKinds(m_dsKind);
    form->addRow(tr("&Kind:"), m_dsKind);
    m_product = new QComboBox(tab);
    m_product->setObjectName(u"product"_s);
    m_product->addItem(u"Redis"_s, u"redis"_s);
    m_product->addItem(u"Valkey"_s, u"valkey"_s);
    form->addRow(tr("&Product:"), m_product);
    m_topology = new QComboBox(tab);
    m_topology->setObjectName(u"topology"_s);
    m_topology->addItem(tr("Standalone"), u"standalone"_s);
    m_topology->addItem(tr("Sentinel"), u"sentinel"_s);
    m_topology->addItem(tr("Cluster"), u"cluster"_s);
    form->addRow(tr("&Topology:"), m_topology);
    m_masterName = new QLineEdit(tab);
    m_masterName->setObjectName(u"masterName"_s);
    form->addRow(tr("Sentinel &master name:"), m_masterName);
    m_hosts = new QLineEdit(tab);
    m_hosts->setObjectName(u"hosts"_s);
    m_hosts->setPlaceholderText(tr("host:port, host:port…"));
    form->addRow(tr("&Hosts:"), m_hosts);
    m_tls = new QCheckBox(tr("TLS"), tab);
    m_tls->setObjectName(u"tls"_s);
    form->addRow(QString(), m_tls);
    QLayout *row = nullptr;
    m_dsCa = fileField(tab, u"dsCa"_s, tr("Choose the CA that signed the data store's certificate"), false, &row);
    form->addRow(tr("&CA:"), row);
    m_serverName = new QLineEdit(tab);
    m_serverName->setObjectName(u"serverName"_s);
    form->addRow(tr("TLS server &name:"), m_serverName);
    m_dsUser = new QLineEdit(tab);
    m_dsUser->setObjectName(u"dsUser"_s);
    m_dsUser->setPlaceholderText(tr("ACL user (empty: default)"));
    form->addRow(tr("&User:"), m_dsUser);
    m_dsPassword = new QLineEdit(tab);
    m_dsPassword->setObjectName(u"dsPassword"_s);
    m_dsPassword->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Pass&word:"), m_dsPassword);
    m_dsDatabase = new QSpinBox(tab);
    m_dsDatabase->setObjectName(u"dsDatabase"_s);
    m_dsDatabase->setRange(0, 15);
    form->addRow(tr("Data&base index:"), m_dsDatabase);
    auto *test = new QPushButton(tr("Test the data store connection"), tab);
    test->setObjectName(u"testDatastore"_s);
    connect(test, &QPushButton::clicked, this, [this] { runTest(u"datastore"_s); });
    form->addRow(QString(), test);
    m_dsResult = resultLabel(tab, u"datastoreResult"_s);
    form->addRow(QString(), m_dsResult);
    return tab;
}

QWidget *ProfileEditor::backupTab()
{
    auto *tab = new QWidget(this);
    auto *form = new QFormLayout(tab);
    QLayout *row = nullptr;
    m_backupFolder = fileField(tab, u"backupFolder"_s, tr("Choose where backups go"), true, &row);
    form->addRow(tr("Backup &folder:"), row);
    m_notes = new QPlainTextEdit(tab);
    m_notes->setObjectName(u"notes"_s);
    form->addRow(tr("&Notes:"), m_notes);
    return tab;
}

void ProfileEditor::load(const profiles::Profile &p)
{
    m_name->setText(p.name);
    (p.cell.mode == profiles::CellConnection::Mode::Manual ? m_manual : m_fromKubeconfig)->setChecked(true);
    m_kubeconfig->setText(p.cell.kubeconfig);
    fillContexts();
    m_context->setCurrentText(p.cell.context);
    m_server->setText(p.cell.server);
    m_cellCa->setText(p.cell.caFile);
    m_insecure->setChecked(p.cell.insecureSkipTlsVerify);
    m_namespace->setText(p.cell.ns);
    m_dbKind->setCurrentIndex(m_dbKind->findData(profiles::storeKindId(p.database.kind)));
    m_dbHost->setText(p.database.host);
    m_dbPort->setValue(p.database.port);
    m_dbName->setText(p.database.database);
    m_dbUser->setText(p.database.user);
    m_sslmode->setCurrentText(p.database.sslmode);
    m_sslrootcert->setText(p.database.sslrootcert);
    m_dbService->setText(p.database.service);
    m_dsKind->setCurrentIndex(m_dsKind->findData(profiles::storeKindId(p.datastore.kind)));
    m_product->setCurrentIndex(m_product->findData(p.datastore.product));
    m_topology->setCurrentIndex(m_topology->findData(p.datastore.topology));
    m_masterName->setText(p.datastore.masterName);
    m_hosts->setText(p.datastore.hosts.join(u", "_s));
    m_tls->setChecked(p.datastore.tls);
    m_dsCa->setText(p.datastore.caFile);
    m_serverName->setText(p.datastore.serverName);
    m_dsUser->setText(p.datastore.username);
    m_dsDatabase->setValue(p.datastore.database);
    m_backupFolder->setText(p.backupFolder);
    m_notes->setPlainText(p.notes);
    if (!p.id.isEmpty()) {
        // Stored secrets are not shown; the placeholder says they are there.
        for (auto *field : {m_token, m_dbPassword, m_dsPassword})
            field->setPlaceholderText(tr("unchanged (kept in the keychain)"));
    }
    m_fromKubeconfig->toggled(m_fromKubeconfig->isChecked());
}

void ProfileEditor::fillContexts()
{
    const QString current = m_context->currentText();
    m_context->clear();
    auto config = kube::KubeConfig::load(m_kubeconfig->text().isEmpty() ? kube::KubeConfig::defaultFiles() : QStringList{m_kubeconfig->text()});
    if (config) {
        m_context->addItems(config->contextNames());
        m_context->setCurrentText(current.isEmpty() ? config->currentContext() : current);
        m_kubeconfig->setToolTip({});
    } else {
        m_context->setCurrentText(current);
        m_kubeconfig->setToolTip(config.error().message);
    }
}

profiles::Profile ProfileEditor::profile() const
{
    profiles::Profile p = m_initial;
    p.name = m_name->text();
    p.cell.mode = m_manual->isChecked() ? profiles::CellConnection::Mode::Manual : profiles::CellConnection::Mode::Kubeconfig;
    p.cell.kubeconfig = m_kubeconfig->text().trimmed();
    p.cell.context = m_context->currentText().trimmed();
    p.cell.server = m_server->text().trimmed();
    p.cell.caFile = m_cellCa->text().trimmed();
    p.cell.insecureSkipTlsVerify = m_insecure->isChecked();
    p.cell.ns = m_namespace->text().trimmed();
    bool ok = false;
    p.database.kind = profiles::storeKindFromId(m_dbKind->currentData().toString(), &ok);
    p.database.host = m_dbHost->text().trimmed();
    p.database.port = m_dbPort->value();
    p.database.database = m_dbName->text().trimmed();
    p.database.user = m_dbUser->text().trimmed();
    p.database.sslmode = m_sslmode->currentText();
    p.database.sslrootcert = m_sslrootcert->text().trimmed();
    p.database.service = m_dbService->text().trimmed();
    p.datastore.kind = profiles::storeKindFromId(m_dsKind->currentData().toString(), &ok);
    p.datastore.product = m_product->currentData().toString();
    p.datastore.topology = m_topology->currentData().toString();
    p.datastore.masterName = m_masterName->text().trimmed();
    p.datastore.hosts.clear();
    for (const QString &h : m_hosts->text().split(u',', Qt::SkipEmptyParts))
        p.datastore.hosts.append(h.trimmed());
    p.datastore.tls = m_tls->isChecked();
    p.datastore.caFile = m_dsCa->text().trimmed();
    p.datastore.serverName = m_serverName->text().trimmed();
    p.datastore.username = m_dsUser->text().trimmed();
    p.datastore.database = m_dsDatabase->value();
    p.backupFolder = m_backupFolder->text().trimmed();
    p.notes = m_notes->toPlainText();
    return p;
}

QString ProfileEditor::typedSecret(profiles::SecretKind kind) const
{
    switch (kind) {
    case SecretKind::CellToken: return m_manual->isChecked() ? m_token->text() : QString();
    case SecretKind::DatabasePassword: return m_dbPassword->text();
    case SecretKind::DatastorePassword: return m_dsPassword->text();
    }
    return {};
}

QStringList ProfileEditor::problems() const
{
    return profile().validate();
}

void ProfileEditor::revalidate()
{
    const QStringList list = problems();
    m_problems->setText(list.isEmpty() ? QString() : u"• "_s + list.join(u"\n• "_s));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(list.isEmpty());
}

void ProfileEditor::showOutcome(QLabel *label, const profiles::TestOutcome &outcome)
{
    const QString colour = outcome.ok ? u"#2e7d32"_s : u"#c62828"_s;
    QString html = u"<b style=\"color:%1\">%2</b> %3"_s.arg(colour, outcome.ok ? tr("✔") : tr("✘"), outcome.summary.toHtmlEscaped());
    if (!outcome.details.isEmpty())
        html += u"<br>"_s + outcome.details.join(u" · "_s).toHtmlEscaped();
    label->setText(html);
}

void ProfileEditor::runTest(const QString &connection)
{
    const profiles::Profile p = profile();
    const SecretKind kind = connection == "cell"_L1 ? SecretKind::CellToken
        : connection == "database"_L1                ? SecretKind::DatabasePassword
                                                     : SecretKind::DatastorePassword;
    QLabel *label = connection == "cell"_L1 ? m_cellResult : connection == "database"_L1 ? m_dbResult : m_dsResult;
    label->setText(tr("Testing…"));
    const QByteArray tested = testedValues(connection);
    auto run = [this, p, connection, label, tested](const QString &secret) {
        auto done = [this, label, connection, tested](const profiles::TestOutcome &o) {
            showOutcome(label, o);
            if (o.ok)
                m_failed.remove(connection);
            else
                m_failed.insert(connection, {o.summary, tested});
            Q_EMIT testFinished(connection, o.ok);
        };
        if (connection == "cell"_L1)
            m_tester->testCell(p, secret, done);
        else if (connection == "database"_L1)
            m_tester->testDatabase(p, secret, done);
        else
            m_tester->testDatastore(p, secret, done);
    };
    const QString typed = typedSecret(kind);
    if (!typed.isEmpty() || p.id.isEmpty() || !m_secrets) {
        run(typed);
        return;
    }
    // Nothing typed: test with what the keychain holds.
    m_secrets->read(profiles::secretKey(p.id, kind), this, [run](const Result<QString> &stored) { run(stored ? *stored : QString()); });
}

} // namespace eic::ui

namespace eic::ui {

QByteArray ProfileEditor::testedValues(const QString &connection) const
{
    const profiles::Profile p = profile();
    const QJsonObject json = p.toJson();
    const SecretKind kind = connection == "cell"_L1 ? SecretKind::CellToken
        : connection == "database"_L1                ? SecretKind::DatabasePassword
                                                     : SecretKind::DatastorePassword;
    // A digest, so the typed secret is not kept a second time.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QJsonDocument(json.value(connection).toObject()).toJson(QJsonDocument::Compact));
    hash.addData(typedSecret(kind).toUtf8());
    return hash.result();
}

QStringList ProfileEditor::failedTests() const
{
    QStringList out;
    const QList<QPair<QString, QString>> names{{u"cell"_s, tr("cell")}, {u"database"_s, tr("database")}, {u"datastore"_s, tr("data store")}};
    for (const auto &[connection, name] : names) {
        const auto it = m_failed.constFind(connection);
        if (it != m_failed.cend() && it->values == testedValues(connection))
            out.append(tr("%1: %2").arg(name, it->reason.trimmed().chopped(it->reason.trimmed().endsWith(u'.') ? 1 : 0)));
    }
    return out;
}

void ProfileEditor::confirmSave()
{
    const QStringList failed = failedTests();
    if (!failed.isEmpty()
        && MessageBox::question(this, tr("Save the profile"),
                                tr("The last test failed: %1. Save anyway?").arg(failed.join(u"; "_s)),
                                QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            != QMessageBox::Yes)
        return;
    accept();
}

} // namespace eic::ui
