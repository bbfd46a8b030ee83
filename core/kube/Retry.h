#pragma once

#include "Error.h"

#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <functional>
#include <memory>

namespace eic::kube {

// Failures worth another attempt: 5xx, 429, and no answer at all (reset, timeout).
inline bool isTransient(const Error &e)
{
    return e.code == 0 || e.code == 429 || e.code >= 500;
}

// Runs `attempt(reply)` until it answers without a transient failure, at most `attempts` times,
// with exponential backoff and jitter between tries (50 ms doubling up to 2 s); `done` gets the
// last answer, on `context` and not at all once `context` is gone.
template <typename T>
void withRetries(QObject *context, std::function<void(std::function<void(const Result<T> &)>)> attempt, std::function<void(const Result<T> &)> done,
                 int attempts = 10)
{
    auto tryOnce = std::make_shared<std::function<void(int)>>();
    // The function refers to itself weakly; the pending answer's callback holds it strongly, so
    // it lives exactly as long as an attempt is under way (no cycle).
    *tryOnce = [context, attempt, done, attempts, weak = std::weak_ptr<std::function<void(int)>>(tryOnce)](int n) {
        attempt([context, done, attempts, again = weak.lock(), n](const Result<T> &r) {
            if (!r && isTransient(r.error()) && n + 1 < attempts && again) {
                const int delay = std::min(2000, 50 << std::min(n, 6)) + static_cast<int>(QRandomGenerator::global()->bounded(50));
                QTimer::singleShot(delay, context, [again, n] { (*again)(n + 1); });
                return;
            }
            done(r);
        });
    };
    (*tryOnce)(0);
}

} // namespace eic::kube
