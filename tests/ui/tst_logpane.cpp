// The log pane: lines logged from any thread arrive; a multi-line error (libpq's DETAIL/HINT
// lines) shows each line under the first one's text, in the error colour, without the trailing
// empty line; long lines wrap instead of hiding behind a horizontal scroll bar.
// Screenshot: logpane.png.

#include "LogPane.h"
#include "log/Logging.h"

#include <QTest>
#include <QTextBlock>
#include <QThread>

using namespace Qt::StringLiterals;

class TestLogPane : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void multiLineErrorIndentedAndColoured();
    void lineFromAnotherThreadArrives();
};

static QStringList blocks(const QPlainTextEdit &pane)
{
    QStringList out;
    for (QTextBlock b = pane.document()->begin(); b.isValid(); b = b.next())
        out << b.text();
    return out;
}

void TestLogPane::multiLineErrorIndentedAndColoured()
{
    eic::ui::LogPane pane;
    eic::logging::logger()->info("connecting");
    eic::logging::logger()->error("connection failed: FATAL:  password authentication failed\nDETAIL:  Role \"eic\" does not exist.\n");
    QTRY_COMPARE_WITH_TIMEOUT(pane.document()->blockCount(), 3, 5000);
    const QStringList lines = blocks(pane);
    QVERIFY2(lines.at(0).endsWith(u"info  connecting"_s), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).contains(u"error connection failed: FATAL:"_s), qPrintable(lines.at(1)));
    const qsizetype textStart = lines.at(1).indexOf(u"connection failed"_s);
    QCOMPARE(textStart, eic::logging::lineSinkPrefixWidth(spdlog::level::err));
    QCOMPARE(lines.at(2), QString(textStart, u' ') + u"DETAIL:  Role \"eic\" does not exist."_s);
    const QColor red(0xc6, 0x28, 0x28);
    for (int i : {1, 2}) {
        const QTextBlock block = pane.document()->findBlockByNumber(i);
        QCOMPARE(block.begin().fragment().charFormat().foreground().color(), red);
    }
    QCOMPARE(pane.document()->findBlockByNumber(0).begin().fragment().charFormat().foreground().style(), Qt::NoBrush);
    QCOMPARE(pane.lineWrapMode(), QPlainTextEdit::WidgetWidth);
    pane.resize(520, 110);
    pane.grab().save(qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u"/logpane.png"_s);
}

void TestLogPane::lineFromAnotherThreadArrives()
{
    eic::ui::LogPane pane;
    QThread *thread = QThread::create([] { eic::logging::logger()->warn("from a worker\nsecond line"); });
    thread->start();
    QVERIFY(thread->wait(5000));
    delete thread;
    QTRY_COMPARE_WITH_TIMEOUT(pane.document()->blockCount(), 2, 5000);
    const QStringList lines = blocks(pane);
    QVERIFY2(lines.at(0).contains(u" warning from a worker"_s), qPrintable(lines.at(0)));
    // "warning" is longer than the padding: the second line still starts under the text.
    QCOMPARE(lines.at(1).indexOf(u"second line"_s), lines.at(0).indexOf(u"from a worker"_s));
}

QTEST_MAIN(TestLogPane)
#include "tst_logpane.moc"
