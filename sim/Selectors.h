#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::sim {

// A label selector in the query-string syntax kubectl sends:
// "a=b", "a==b", "a!=b", "a in (x,y)", "a notin (x)", "a", "!a", joined by commas.
class LabelSelector {
public:
    static std::optional<LabelSelector> parse(const QString &text, QString *error);
    bool matches(const QJsonObject &labels) const;
    bool isEmpty() const { return m_terms.isEmpty(); }

private:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, NotExists };
    struct Term {
        QString key;
        Op op;
        QStringList values;
    };
    QList<Term> m_terms;
};

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
