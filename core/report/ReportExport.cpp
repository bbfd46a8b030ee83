// exportReport: JSON, HTML (timeline embedded) or PDF (A4; on every page the workspace mark at
// the top and the page number at the bottom).

#include "RestoreReport.h"
#include "ReportText.h"

#include <QBuffer>

#include <cmath>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QAbstractTextDocumentLayout>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace eic::report {

using text::Tr;

namespace {

// The mark in a red band across the page's top.
void drawMark(QPainter &painter, const QRectF &band, const QString &mark)
{
    painter.fillRect(band, QColor(180, 35, 24));
    QFont f = painter.font();
    f.setPointSizeF(10);
    f.setBold(true);
    painter.setFont(f);
    painter.setPen(Qt::white);
    painter.drawText(band.adjusted(band.height() * 0.3, 0, -band.height() * 0.3, 0), Qt::AlignVCenter | Qt::AlignLeft, mark);
    painter.setPen(Qt::black);
}

// A heading near a page's foot moves to the next page, with what it heads.
void keepHeadingsWithTheirSection(QTextDocument &doc)
{
    const qreal pageHeight = doc.pageSize().height();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.blockFormat().headingLevel() != 2)
            continue;
        const qreal top = doc.documentLayout()->blockBoundingRect(b).top();
        if (pageHeight - std::fmod(top, pageHeight) > pageHeight * 0.12)
            continue;
        QTextBlockFormat f = b.blockFormat();
        f.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(b).setBlockFormat(f);
    }
}

QByteArray pdfOf(const RestoreReport &report)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 20), QPageLayout::Millimeter));
    pdf.setResolution(300);
    pdf.setTitle(Tr::tr("Restore report %1").arg(report.runId));
    pdf.setCreator(u"eic-restore %1"_s.arg(report.appVersion));
    QTextDocument doc;
    doc.addResource(QTextDocument::ImageResource, QUrl(u"eic:timeline"_s), report.timeline(960, 2.0));
    doc.setHtml(report.toHtml(u"eic:timeline"_s, false));
    const QRectF page = pdf.pageLayout().paintRectPixels(pdf.resolution());
    const QString mark = report.markBanner();
    const qreal footer = pdf.resolution() * 0.3;                     // ~7.5 mm for the page number
    const qreal header = mark.isEmpty() ? 0 : pdf.resolution() * 0.4; // ~10 mm for the mark
    // Lay out at 96 dpi and scale to the printer's resolution.
    const qreal scale = pdf.resolution() / 96.0;
    doc.setPageSize(QSizeF(page.width() / scale, (page.height() - footer - header) / scale));
    keepHeadingsWithTheirSection(doc);
    QPainter painter(&pdf);
    const int pages = doc.pageCount();
    const QString word = report.workspaceMark.toUpper();
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            pdf.newPage();
        if (!mark.isEmpty())
            drawMark(painter, QRectF(0, 0, page.width(), header * 0.8), mark);
        painter.save();
        painter.translate(0, header);
        painter.scale(scale, scale);
        const QRectF clip(0, i * doc.pageSize().height(), doc.pageSize().width(), doc.pageSize().height());
        painter.translate(0, -clip.top());
        doc.drawContents(&painter, clip);
        painter.restore();
        QFont f = painter.font();
        f.setPointSizeF(8);
        f.setBold(false);
        painter.setFont(f);
        const QString number = Tr::tr("Restore report %1 — page %2 of %3").arg(report.runId).arg(i + 1).arg(pages);
        painter.drawText(QRectF(0, page.height() - footer, page.width(), footer), Qt::AlignRight | Qt::AlignBottom,
                         word.isEmpty() ? number : Tr::tr("%1 — %2").arg(word, number));
    }
    painter.end();
    return bytes;
}

} // namespace

Result<QString> exportReport(const RestoreReport &report, const QString &format, const QString &path)
{
    QByteArray bytes;
    if (format == "json"_L1) {
        bytes = QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    } else if (format == "html"_L1) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        report.timeline(960, 1.0).save(&buffer, "PNG");
        bytes = report.toHtml(u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64())).toUtf8();
    } else if (format == "pdf"_L1) {
        bytes = pdfOf(report);
    } else {
        return Error{Tr::tr("Unknown report format \"%1\": json, html or pdf.").arg(format), {}, 2};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{Tr::tr("Cannot write the report %1: %2.").arg(path, file.errorString()), {}, 0};
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace eic::report
