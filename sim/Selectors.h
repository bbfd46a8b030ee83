#pragma once

#include "kube/LabelSelector.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::sim {

// Label selectors have one home, shared with the client (issue 15).
using kube::LabelSelector;

// Field selectors: the real server supports metadata.name and metadata.namespace on every
// resource; that is what kubectl's rollout status and our client use.
class FieldSelector {
public:
    static std::optional<FieldSelector> parse(const QString &text, QString *error);
    bool matches(const QJsonObject &object) const;

private:
    struct Term {
        QString field;
        QString value;
        bool negate;
    };
    QList<Term> m_terms;
};

} // namespace eic::sim
