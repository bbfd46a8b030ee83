#include "Selectors.h"

#include "kube/LabelSelector.h"

using namespace Qt::StringLiterals;

namespace eic::sim {

using kube::LabelSelector;

std::optional<FieldSelector> FieldSelector::parse(const QString &text, QString *error)
{
    FieldSelector selector;
    for (const QString &term : LabelSelector::splitTerms(text)) {
        if (term.isEmpty())
            continue;
        const bool negate = term.contains("!="_L1);
        const QString op = negate ? u"!="_s : (term.contains("=="_L1) ? u"=="_s : u"="_s);
        const qsizetype at = term.indexOf(op);
        if (at <= 0) {
            if (error)
                *error = u"invalid selector: '%1'; can't understand '%2'"_s.arg(text, term);
            return std::nullopt;
        }
        const QString field = term.left(at).trimmed();
        if (field != "metadata.name"_L1 && field != "metadata.namespace"_L1) {
            if (error)
                *error = u"\"%1\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""_s.arg(field);
            return std::nullopt;
        }
        selector.m_terms.append({field, term.mid(at + op.size()).trimmed(), negate});
    }
    return selector;
}

bool FieldSelector::matches(const QJsonObject &object) const
{
    const QJsonObject meta = object.value("metadata"_L1).toObject();
    for (const Term &term : m_terms) {
        const QString actual = meta.value(term.field.mid(9)).toString(); // after "metadata."
        if ((actual == term.value) == term.negate)
            return false;
    }
    return true;
}

} // namespace eic::sim
