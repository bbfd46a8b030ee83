#include "JsonPatch.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace eic::sim {

QJsonObject applyMergePatch(const QJsonObject &target, const QJsonObject &patch)
{
    QJsonObject out = target;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull())
            out.remove(it.key());
        else if (it.value().isObject())
            out[it.key()] = applyMergePatch(out.value(it.key()).toObject(), it.value().toObject());
        else
            out[it.key()] = it.value();
    }
    return out;
}

namespace {

QStringList pointerTokens(const QString &pointer, bool *ok)
{
    *ok = pointer.isEmpty() || pointer.startsWith(u'/');
    if (pointer.isEmpty() || !*ok)
        return {};
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString &t : tokens)
        t = t.replace("~1"_L1, "/"_L1).replace("~0"_L1, "~"_L1);
    return tokens;
}

// Reads the value at a JSON pointer.
std::optional<QJsonValue> valueAt(const QJsonValue &root, const QStringList &tokens)
{
    QJsonValue current = root;
    for (const QString &t : tokens) {
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(t))
                return std::nullopt;
            current = o.value(t);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = t.toInt(&ok);
            const QJsonArray a = current.toArray();
            if (!ok || index < 0 || index >= a.size())
                return std::nullopt;
            current = a.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

enum class Edit { Add, Remove, Replace };

// Rebuilds the document along the pointer with one change at its end.
std::optional<QJsonValue> edit(const QJsonValue &node, const QStringList &tokens, qsizetype depth, Edit kind,
                               const QJsonValue &value)
{
    const QString &t = tokens.at(depth);
    const bool last = depth == tokens.size() - 1;
    if (node.isObject()) {
        QJsonObject o = node.toObject();
        if (last) {
            if (kind != Edit::Add && !o.contains(t))
                return std::nullopt;
            if (kind == Edit::Remove)
                o.remove(t);
            else
                o[t] = value;
            return o;
        }
        if (!o.contains(t))
            return std::nullopt;
        auto child = edit(o.value(t), tokens, depth + 1, kind, value);
        if (!child)
            return std::nullopt;
        o[t] = *child;
        return o;
    }
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        bool ok = false;
        int index = t == "-"_L1 ? static_cast<int>(a.size()) : t.toInt(&ok);
        if (t == "-"_L1)
            ok = kind == Edit::Add;
        if (!ok || index < 0 || index > a.size() || (kind != Edit::Add && index == a.size()))
            return std::nullopt;
        if (last) {
            if (kind == Edit::Add)
                a.insert(index, value);
            else if (kind == Edit::Remove)
                a.removeAt(index);
            else
                a[index] = value;
            return a;
        }
        auto child = edit(a.at(index), tokens, depth + 1, kind, value);
        if (!child)
            return std::nullopt;
        a[index] = *child;
        return a;
    }
    return std::nullopt;
}

} // namespace

std::optional<QJsonObject> applyJsonPatch(const QJsonObject &target, const QJsonArray &operations, QString *error)
{
    QJsonValue doc = target;
    auto fail = [&](const QString &message) -> std::optional<QJsonObject> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    for (const auto &opValue : operations) {
        const QJsonObject op = opValue.toObject();
        const QString name = op.value("op"_L1).toString();
        const QString path = op.value("path"_L1).toString();
        bool ok = false;
        const QStringList tokens = pointerTokens(path, &ok);
        if (!ok || tokens.isEmpty())
            return fail(u"invalid JSON pointer \"%1\""_s.arg(path));
        std::optional<QJsonValue> next;
        if (name == "add"_L1) {
            next = edit(doc, tokens, 0, Edit::Add, op.value("value"_L1));
        } else if (name == "remove"_L1) {
            next = edit(doc, tokens, 0, Edit::Remove, {});
        } else if (name == "replace"_L1) {
            next = edit(doc, tokens, 0, Edit::Replace, op.value("value"_L1));
        } else if (name == "test"_L1) {
            const auto actual = valueAt(doc, tokens);
            if (!actual || *actual != op.value("value"_L1))
                return fail(u"testing value %1 failed"_s.arg(path));
            next = doc;
        } else if (name == "copy"_L1 || name == "move"_L1) {
            const QStringList from = pointerTokens(op.value("from"_L1).toString(), &ok);
            const auto value = ok ? valueAt(doc, from) : std::nullopt;
            if (!value)
                return fail(u"%1 operation does not apply: doc is missing from path: %2"_s.arg(name, op.value("from"_L1).toString()));
            QJsonValue base = doc;
            if (name == "move"_L1) {
                auto removed = edit(doc, from, 0, Edit::Remove, {});
                if (!removed)
                    return fail(u"move: cannot remove %1"_s.arg(op.value("from"_L1).toString()));
                base = *removed;
            }
            next = edit(base, tokens, 0, Edit::Add, *value);
        } else {
            return fail(u"Unexpected kind: %1"_s.arg(name));
        }
        if (!next)
            return fail(u"%1 operation does not apply: doc is missing path: %2"_s.arg(name, path));
        doc = *next;
    }
    return doc.toObject();
}

} // namespace eic::sim
