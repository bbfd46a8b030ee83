#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace eic {

// Runs `work` on a thread of its own and hands its result to `done` on `receiver`'s thread
// (not at all once the receiver is gone): heavy file work never blocks the GUI thread.
template <typename T>
void runInBackground(QObject *receiver, std::function<T()> work, std::function<void(T)> done)
{
    auto result = std::make_shared<std::optional<T>>();
    QThread *thread = QThread::create([work = std::move(work), result] { *result = work(); });
    QPointer<QObject> guard(receiver);
    QObject::connect(thread, &QThread::finished, receiver, [thread, result, guard, done = std::move(done)] {
        thread->deleteLater();
        if (guard && result->has_value())
            done(std::move(**result));
    });
    QObject::connect(thread, &QThread::finished, thread, [thread, guard] {
        if (!guard)
            thread->deleteLater();
    });
    thread->start();
}

} // namespace eic
