#include "LabelSelector.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace eic::kube {

namespace {

// Kubernetes' qualified name: an optional DNS-subdomain prefix and '/', then a name of at most
// 63 characters; a label value is such a name or empty.
constexpr auto kNamePattern = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";

bool validKey(const QString &key)
{
    static const QRegularExpression re(u"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?%1$"_s
                                           .arg(QLatin1StringView(kNamePattern)));
    return key.size() <= 253 + 1 + 63 && re.match(key).hasMatch();
}

bool validValue(const QString &value)
{
    static const QRegularExpression re(u"^(%1)?$"_s.arg(QLatin1StringView(kNamePattern)));
    return re.match(value).hasMatch();
}

} // namespace

QStringList LabelSelector::splitTerms(const QString &text)
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

namespace {

Error selectorError(const QString &detail)
{
    return {QCoreApplication::translate("LabelSelector", "A label selector of the cluster is not valid."), detail, 0};
}

} // namespace

void LabelSelector::add(Term term)
{
    term.values.sort();
    term.values.removeDuplicates();
    // Sorted by key, as Kubernetes' selector keeps its requirements: toString() is then stable.
    const auto at = std::upper_bound(m_terms.begin(), m_terms.end(), term.key,
                                     [](const QString &key, const Term &t) { return key < t.key; });
    m_terms.insert(at, std::move(term));
}

Result<LabelSelector> LabelSelector::fromJson(const QJsonObject &selector, Empty empty)
{
    LabelSelector out;
    const QJsonValue matchLabels = selector.value("matchLabels"_L1);
    if (!matchLabels.isUndefined() && !matchLabels.isNull() && !matchLabels.isObject())
        return selectorError(u"matchLabels is not an object"_s);
    const QJsonObject labels = matchLabels.toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (!it.value().isString() || !validKey(it.key()) || !validValue(it.value().toString()))
            return selectorError(u"matchLabels: \"%1\" is not a valid label key with a string value"_s.arg(it.key()));
        out.add({it.key(), Op::Equals, {it.value().toString()}});
    }
    const QJsonValue expressions = selector.value("matchExpressions"_L1);
    if (!expressions.isUndefined() && !expressions.isNull() && !expressions.isArray())
        return selectorError(u"matchExpressions is not an array"_s);
    const QJsonArray list = expressions.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject e = list.at(i).toObject();
        const QString where = u"matchExpressions[%1]"_s.arg(i);
        const QString key = e.value("key"_L1).toString();
        const QString op = e.value("operator"_L1).toString();
        if (!validKey(key))
            return selectorError(u"%1.key: \"%2\" is not a valid label key"_s.arg(where, key));
        QStringList values;
        for (const auto &v : e.value("values"_L1).toArray()) {
            if (!v.isString() || !validValue(v.toString()))
                return selectorError(u"%1.values: every value must be a valid label value"_s.arg(where));
            values.append(v.toString());
        }
        const bool set = op == "In"_L1 || op == "NotIn"_L1;
        if (set && values.isEmpty())
            return selectorError(u"%1: operator %2 needs at least one value"_s.arg(where, op));
        if (!set && op != "Exists"_L1 && op != "DoesNotExist"_L1)
            return selectorError(u"%1.operator: \"%2\" is not a valid selector operator (In, NotIn, Exists, DoesNotExist)"_s.arg(where, op));
        if (!set && !values.isEmpty())
            return selectorError(u"%1: operator %2 takes no values"_s.arg(where, op));
        const Op kind = op == "In"_L1 ? Op::In : op == "NotIn"_L1 ? Op::NotIn : op == "Exists"_L1 ? Op::Exists : Op::DoesNotExist;
        out.add({key, kind, values});
    }
    out.m_nothing = out.m_terms.isEmpty() && empty == Empty::MatchesNothing;
    return out;
}

std::optional<LabelSelector> LabelSelector::parse(const QString &text, QString *error)
{
    LabelSelector selector;
    static const QRegularExpression setExpr(u"^(\\S+)\\s+(in|notin)\\s*\\(([^()]*)\\)$"_s);
    static const QRegularExpression cmpExpr(u"^([^\\s=!()]+)\\s*(==|!=|=)\\s*([^\\s=!(),]*)$"_s);
    static const QRegularExpression keyExpr(u"^(!?)\\s*([^\\s=!()]+)$"_s);
    for (const QString &term : splitTerms(text)) {
        Term parsed;
        if (const auto m = setExpr.match(term); m.hasMatch()) {
            QStringList values;
            for (const QString &v : m.captured(3).split(u','))
                values.append(v.trimmed());
            parsed = {m.captured(1), m.captured(2) == "in"_L1 ? Op::In : Op::NotIn, values};
        } else if (const auto c = cmpExpr.match(term); c.hasMatch()) {
            parsed = {c.captured(1), c.captured(2) == "!="_L1 ? Op::NotEquals : Op::Equals, {c.captured(3)}};
        } else if (const auto k = keyExpr.match(term); k.hasMatch()) {
            parsed = {k.captured(2), k.captured(1).isEmpty() ? Op::Exists : Op::DoesNotExist, {}};
        } else {
            if (error)
                *error = u"unable to parse requirement: \"%1\""_s.arg(term);
            return std::nullopt;
        }
        const bool badValue = std::any_of(parsed.values.begin(), parsed.values.end(), [](const QString &v) { return !validValue(v); });
        if (!validKey(parsed.key) || badValue) {
            if (error)
                *error = u"unable to parse requirement: \"%1\": not a valid label key or value"_s.arg(term);
            return std::nullopt;
        }
        selector.add(std::move(parsed));
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    if (m_nothing)
        return false;
    for (const Term &term : m_terms) {
        const bool has = labels.contains(term.key);
        const QString value = labels.value(term.key).toString();
        bool ok = false;
        switch (term.op) {
        case Op::Equals:
        case Op::In: ok = has && term.values.contains(value); break;
        case Op::NotEquals:
        case Op::NotIn: ok = !has || !term.values.contains(value); break;
        case Op::Exists: ok = has; break;
        case Op::DoesNotExist: ok = !has; break;
        }
        if (!ok)
            return false;
    }
    return true;
}

QString LabelSelector::toString() const
{
    if (m_nothing)
        return u"eic-restore/none,!eic-restore/none"_s;
    QStringList out;
    for (const Term &term : m_terms) {
        switch (term.op) {
        case Op::Equals: out.append(term.key + u'=' + term.values.value(0)); break;
        case Op::NotEquals: out.append(term.key + u"!="_s + term.values.value(0)); break;
        case Op::In: out.append(u"%1 in (%2)"_s.arg(term.key, term.values.join(u','))); break;
        case Op::NotIn: out.append(u"%1 notin (%2)"_s.arg(term.key, term.values.join(u','))); break;
        case Op::Exists: out.append(term.key); break;
        case Op::DoesNotExist: out.append(u'!' + term.key); break;
        }
    }
    return out.join(u',');
}

} // namespace eic::kube
