#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace eic::sim {

// kubectl's typed clients send some bodies as Kubernetes protobuf ("k8s\0" + runtime.Unknown).
// The sim decodes the one kubectl posts that way to it — SelfSubjectAccessReview (kubectl auth
// can-i) — into its JSON form; everything else stays JSON.
class ProtobufBody {
public:
    static std::optional<QJsonObject> decodeSelfSubjectAccessReview(const QByteArray &body);
};

} // namespace eic::sim
