#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::kube {

// The one home of Kubernetes label matching (issue 15): a deployment's spec.selector
// (matchLabels + matchExpressions) and the ?labelSelector= text form, for the client and the sim.
// A default-constructed selector matches everything, as an absent ?labelSelector= does.
class LabelSelector {
public:
    // What an empty selector object means. Kubernetes' LabelSelectorAsSelector makes {} match
    // everything, but the deployment controller refuses such a Deployment and manages no pods,
    // so for a Deployment an empty (or absent) selector matches nothing.
    enum class Empty { MatchesNothing, MatchesEverything };

    // A selector object (matchLabels + matchExpressions with In, NotIn, Exists, DoesNotExist).
    // Anything malformed (an unknown operator, In without values, a non-string label) is an
    // Error, never a selector that matches everything.
    static Result<LabelSelector> fromJson(const QJsonObject &selector, Empty empty = Empty::MatchesNothing);
    // The text form: a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a, joined by commas.
    // An empty text matches everything (as the API server reads an empty labelSelector).
    static std::optional<LabelSelector> parse(const QString &text, QString *error);

    bool matches(const QJsonObject &labels) const;
    bool matchesNothing() const { return m_nothing; }
    bool matchesEverything() const { return !m_nothing && m_terms.isEmpty(); }

    // The text form, terms sorted by key as kubectl prints them, for a list/watch request. It
    // selects exactly what matches() does: matchesNothing() gives "k,!k" (a key both required
    // and forbidden), because an empty labelSelector would select every pod.
    QString toString() const;
    // The terms of a selector's text: split at the commas outside parentheses (the sim's field selectors too).
    static QStringList splitTerms(const QString &text);

private:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
    struct Term {
        QString key;
        Op op;
        QStringList values;
    };
    void add(Term term);

    QList<Term> m_terms;
    bool m_nothing = false;
};

} // namespace eic::kube
