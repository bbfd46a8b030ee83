#pragma once

#include <QDialog>
#include <QMap>

class QLabel;
class QTextBrowser;

namespace eic::kube {
class KubeClient;
}
namespace eic::restore {
struct StoreAccess;
}
namespace eic::stores {
struct RedisOptions;
}

namespace eic::ui {

// Help → About: the versions of eic-restore, its libraries, and the servers of the current cell
// (filled in as they answer).
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    // "Kubernetes", "PostgreSQL", "Redis": a version, or why there is none.
    void setServer(const QString &what, const QString &version);
    // Asks the cell's API server (nullptr: no cell open) and the profile's stores for their
    // versions; each line fills in as its server answers.
    void askCluster(kube::KubeClient *client);
    void askStores(const restore::StoreAccess &stores);
    QString text() const;

private:
    void render();
    void askRedis(const stores::RedisOptions &options);
    QLabel *m_text = nullptr;
    QMap<QString, QString> m_servers;
};

// Help → The restore procedure: the vendor's procedure in eic-restore's words, what the app
// adds, and what each caution means.
class ProcedureDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProcedureDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser = nullptr;
};

} // namespace eic::ui
