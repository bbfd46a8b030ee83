// RestoreReport::timeline: a bar per component (stopped -> available again), the data step as a
// band behind them, and an axis in seconds.

#include "RestoreReport.h"
#include "ReportText.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace eic::report {

using text::Tr;

QImage RestoreReport::timeline(int width, qreal dpr) const
{
    const int rowH = 26;
    const int labelW = 260;
    const int top = 58; // the title, then the data step's label
    const int height = top + rowH * static_cast<int>(std::max<qsizetype>(1, components.size())) + 40;
    QImage img(QSize(width, height) * dpr, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(dpr);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = p.font();
    f.setPixelSize(22);
    f.setBold(true);
    p.setFont(f);
    // The title is part of the picture: a heading is never left alone at the foot of a page.
    p.drawText(QPoint(6, 22), Tr::tr("Timeline"));
    f.setPixelSize(12);
    f.setBold(false);
    p.setFont(f);
    QDateTime t0 = began, t1 = ended.isValid() ? ended : began;
    for (const ComponentTimeline &c : components)
        for (const QDateTime &t : {c.stopped, c.started, c.rolledOut})
            if (t.isValid()) {
                if (!t0.isValid() || t < t0)
                    t0 = t;
                if (t > t1)
                    t1 = t;
            }
    const double span = std::max<double>(1.0, static_cast<double>(t0.msecsTo(t1)));
    const int x0 = labelW;
    const int w = width - labelW - 20;
    auto xOf = [&](const QDateTime &t) { return x0 + static_cast<int>(w * static_cast<double>(t0.msecsTo(t)) / span); };
    // The data step as a band behind the bars.
    if (dataStarted.isValid()) {
        const int a = xOf(dataStarted);
        const int b = dataFinished.isValid() ? xOf(dataFinished) : x0 + w;
        p.fillRect(QRect(a, top - 6, std::max(2, b - a), rowH * static_cast<int>(components.size()) + 6), QColor(255, 214, 102, 140));
        p.setPen(QColor(120, 90, 0));
        const QString label = Tr::tr("data step (%1)").arg(words(dataState));
        p.drawText(QPoint(std::max(6, std::min(a + 3, width - p.fontMetrics().horizontalAdvance(label) - 6)), top - 10), label);
    }
    // When the cancel was asked and the rollback began: dashed lines across the bars.
    for (const auto &[t, label] : {std::pair{cancelRequested, Tr::tr("cancel asked")}, {rollbackStarted, Tr::tr("rollback")}}) {
        if (!t.isValid())
            continue;
        const int x = xOf(t);
        p.setPen(QPen(QColor(120, 0, 120), 1.5, Qt::DashLine));
        p.drawLine(x, top - 4, x, top + rowH * static_cast<int>(components.size()));
        p.drawText(QPoint(std::max(6, std::min(x + 3, width - p.fontMetrics().horizontalAdvance(label) - 6)), top - 26), label);
    }
    int y = top;
    for (const ComponentTimeline &c : components) {
        p.setPen(Qt::black);
        p.drawText(QRect(6, y, labelW - 12, rowH), Qt::AlignVCenter | Qt::AlignLeft, u"%1  %2→%3"_s.arg(c.name).arg(c.before).arg(c.after));
        if (c.stopped.isValid()) {
            const QDateTime up = c.rolledOut.isValid() ? c.rolledOut : (c.started.isValid() ? c.started : t1);
            const int a = xOf(c.stopped);
            const int s = c.started.isValid() ? xOf(c.started) : xOf(up);
            const int b = xOf(up);
            p.fillRect(QRect(a, y + 5, std::max(2, s - a), rowH - 10), QColor(200, 60, 60));   // stopped
            p.fillRect(QRect(s, y + 5, std::max(2, b - s), rowH - 10), QColor(70, 130, 200));  // starting
        }
        y += rowH;
    }
    // Axis with the seconds since the first event.
    p.setPen(Qt::darkGray);
    p.drawLine(x0, y + 4, x0 + w, y + 4);
    for (int i = 0; i <= 4; ++i) {
        const int x = x0 + w * i / 4;
        p.drawLine(x, y + 1, x, y + 7);
        p.drawText(QRect(x - 40, y + 8, 80, 16), Qt::AlignCenter, u"%1 s"_s.arg(span / 1000.0 * i / 4, 0, 'f', 1));
    }
    p.setPen(Qt::black);
    p.fillRect(QRect(x0, height - 14, 12, 10), QColor(200, 60, 60));
    p.drawText(QPoint(x0 + 16, height - 5), Tr::tr("stopped"));
    p.fillRect(QRect(x0 + 90, height - 14, 12, 10), QColor(70, 130, 200));
    p.drawText(QPoint(x0 + 106, height - 5), Tr::tr("starting until available"));
    return img;
}

} // namespace eic::report
