#include "Selectors.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

// Splits at commas that are not inside parentheses.
QStringList splitTerms(const QString &text)
{
    QStringList out;
    QString current;
    int depth = 0;
    for (const QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            out.append(current.trimmed());
            current.clear();
        } else {
            current.append(c);
        }
    }
    if (!current.trimmed().isEmpty())
        out.append(current.trimmed());
    return out;
}

} // namespace

std::optional<LabelSelector> LabelSelector::parse(const QString &text, QString *error)
{
    LabelSelector selector;
    static const QRegularExpression setExpr(u"^([A-Za-z0-9./_-]+)\\s+(in|notin)\\s+\\(([^)]*)\\)$"_s);
    static const QRegularExpression cmpExpr(u"^([A-Za-z0-9./_-]+)\\s*(==|!=|=)\\s*([A-Za-z0-9._-]*)$"_s);
    static const QRegularExpression keyExpr(u"^(!?)([A-Za-z0-9./_-]+)$"_s);
    for (const QString &term : splitTerms(text)) {
        if (term.isEmpty())
            continue;
        if (const auto m = setExpr.match(term); m.hasMatch()) {
            QStringList values;
            for (const QString &v : m.captured(3).split(u','))
                values.append(v.trimmed());
            selector.m_terms.append({m.captured(1), m.captured(2) == "in"_L1 ? Op::In : Op::NotIn, values});
        } else if (const auto c = cmpExpr.match(term); c.hasMatch()) {
            selector.m_terms.append({c.captured(1), c.captured(2) == "!="_L1 ? Op::NotEquals : Op::Equals, {c.captured(3)}});
        } else if (const auto k = keyExpr.match(term); k.hasMatch()) {
            selector.m_terms.append({k.captured(2), k.captured(1).isEmpty() ? Op::Exists : Op::NotExists, {}});
        } else {
            if (error)
                *error = u"unable to parse requirement: \"%1\""_s.arg(term);
            return std::nullopt;
        }
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    for (const Term &term : m_terms) {
        const bool has = labels.contains(term.key);
        const QString value = labels.value(term.key).toString();
        switch (term.op) {
        case Op::Equals:
            if (!has || value != term.values.value(0))
                return false;
            break;
        case Op::NotEquals:
            if (has && value == term.values.value(0))
                return false;
            break;
        case Op::In:
            if (!has || !term.values.contains(value))
                return false;
            break;
        case Op::NotIn:
            if (has && term.values.contains(value))
                return false;
            break;
        case Op::Exists:
            if (!has)
                return false;
            break;
        case Op::NotExists:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

std::optional<FieldSelector> FieldSelector::parse(const QString &text, QString *error)
{
    FieldSelector selector;
    for (const QString &term : splitTerms(text)) {
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
