#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace eic::sim {

// RFC 7386 JSON merge patch (also what the sim applies for strategic-merge patches: the
// objects it lets clients change hold no lists whose strategic merge would differ).
QJsonObject applyMergePatch(const QJsonObject &target, const QJsonObject &patch);

// RFC 6902 JSON patch: add, remove, replace, test, copy, move. nullopt and a message on failure.
std::optional<QJsonObject> applyJsonPatch(const QJsonObject &target, const QJsonArray &operations, QString *error);

} // namespace eic::sim
