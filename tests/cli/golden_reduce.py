"""Reduces a run's journal to what must stay the same from one run to the next.

Times, ids, hosts, ports, paths and durations go; the events, their order (sorted within a step,
where parallel calls answer in any order) and every other field stay. Usage: JOURNAL WORKDIR
"""
import json
import re
import sys

DROP = {"t", "seconds", "runId", "host", "holder", "appVersion", "operator", "by", "confirmedBy",
        "downtimeSeconds", "journal", "pid", "startTicks", "startedAt", "elapsedSeconds"}
TIMED = re.compile(r"(seconds|Seconds|Ms|ms|Bytes|bytes|At|Time|time|Age|age|Rate|rate|uid|Uid|Fingerprint|fingerprint|identifier|Identifier|sha256|Sha256)$")


def scrub(text, work):
    text = text.replace(work, "<work>")
    text = re.sub(r"/tmp/eic-test\.\w+", "<services>", text)
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?( UTC)?", "<time>", text)
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:<port>", text)
    text = re.sub(r"port=\d+", "port=<port>", text)
    text = re.sub(r"\b\d{8}-\d{6}-[0-9a-f]{4}\b", "<run>", text)
    text = re.sub(r"\b\d{8}-\d{6}\b", "<stamp>", text)
    text = re.sub(r"\d+(\.\d+)? (s|ms|min|seconds?|minutes?|h|hours?|d|days?|B|kB|MB|GB|bytes)\b", "#", text)
    text = re.sub(r"\b\d+\.\d+\b", "#", text)
    return text


# Identities differ from one test run to the next (new UIDs, a new CA, a new server): present or not is what counts.
IDENTITY = {"namespaceUid", "caFingerprint", "systemIdentifier", "databaseOid", "marker", "sha256", "backupSha256"}


def reduce(value, work, key=""):
    if key in IDENTITY and value:
        return "<id>"
    if key == "deploymentUids" and isinstance(value, dict):
        return {k: "<id>" for k in sorted(value)}
    if isinstance(value, dict):
        return {k: reduce(v, work, k) for k, v in sorted(value.items()) if k not in DROP}
    if isinstance(value, list):
        return [reduce(v, work, key) for v in value]
    if isinstance(value, str):
        return scrub(value, work)
    if isinstance(value, float) or (isinstance(value, (int, float)) and not isinstance(value, bool) and TIMED.search(key)):
        return "#"
    return value


def main():
    journal, work = sys.argv[1], sys.argv[2].rstrip("/")
    lines, block = [], []
    for raw in open(journal, encoding="utf-8"):
        if not raw.strip():
            continue
        event = json.loads(raw)
        line = json.dumps(reduce(event, work), sort_keys=True, separators=(",", ":"))
        name = event.get("event")
        if name == "step-started":
            lines.extend(sorted(block))
            block = []
            lines.append(line)
        elif name in ("step-finished", "step-failed", "rollback-started", "run-finished"):
            lines.extend(sorted(block))
            block = []
            lines.append(line)
        else:
            block.append(line)
    lines.extend(sorted(block))
    print("\n".join(lines))


main()
