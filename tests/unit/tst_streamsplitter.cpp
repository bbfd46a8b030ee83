#include "kube/JsonStreamSplitter.h"

#include <QTest>

using eic::kube::JsonStreamSplitter;

class TestStreamSplitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splits_data();
    void splits();
};

void TestStreamSplitter::splits_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QList<QByteArray>>("documents");
    const QByteArray a = R"({"type":"ADDED","object":{"m":"a}{\"b"}})";
    const QByteArray b = R"({"type":"MODIFIED","object":{"list":[1,{"x":"]"}]}})";
    QTest::newRow("one per chunk") << QList<QByteArray>{a + "\n", b + "\n"} << QList<QByteArray>{a, b};
    QTest::newRow("joined in one chunk") << QList<QByteArray>{a + "\n" + b + "\n"} << QList<QByteArray>{a, b};
    QTest::newRow("joined without newline") << QList<QByteArray>{a + b} << QList<QByteArray>{a, b};
    QTest::newRow("split mid-string") << QList<QByteArray>{a.left(20), a.mid(20) + "\n" + b.left(5), b.mid(5)} << QList<QByteArray>{a, b};
    QByteArray esc = R"({"s":"quote \" and backslash \\"})";
    QList<QByteArray> bytes;
    for (char c : esc)
        bytes.append(QByteArray(1, c));
    QTest::newRow("byte by byte with escapes") << bytes << QList<QByteArray>{esc};
    QTest::newRow("incomplete stays pending") << QList<QByteArray>{a.left(10)} << QList<QByteArray>{};
}

void TestStreamSplitter::splits()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QList<QByteArray>, documents);
    JsonStreamSplitter splitter;
    QList<QByteArray> out;
    for (const QByteArray &c : chunks)
        out += splitter.feed(c);
    QCOMPARE(out, documents);
}

QTEST_MAIN(TestStreamSplitter)
#include "tst_streamsplitter.moc"
