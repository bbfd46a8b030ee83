#!/usr/bin/env bash
# The size rule: no .cpp/.h under core/ ui/ app/ sim/ over 600 lines, no function over 80
# (signature line to closing brace, lambdas counted in the function that holds them). An
# exception goes into tests/packaging/sizes.allow, one `path` or `path:function` a line, so a
# reviewer sees it. The checker first runs on a temp tree that breaks both limits, so a broken
# parser fails loudly instead of passing everything. Env: SOURCE_DIR.
set -euo pipefail
: "${SOURCE_DIR:?}"
exec /usr/bin/python3 - "$SOURCE_DIR" <<'PY'
import bisect, os, re, sys, tempfile

MAX_FILE, MAX_FUNCTION = 600, 80
FOLDERS = ("core", "ui", "app", "sim")

# Comments, literals and preprocessor lines are blanked (newlines kept) so braces inside
# them never count; digit separators (1'000) are numbers, not char literals.
TOKEN = re.compile(r"""
    (?P<line>//[^\n]*)
  | (?P<block>/\*.*?\*/)
  | (?P<raw>(?<![\w])(?:u8|u|U|L)?R"(?P<delim>[^(\s"\\]{0,16})\(.*?\)(?P=delim)")
  | (?P<str>"(?:\\.|[^"\\\n])*")
  | (?P<num>(?<![\w])\d[\w'.]*)
  | (?P<chr>'(?:\\.|[^'\\\n])+')
  | (?P<pp>^[ \t]*\#(?:\\\n|[^\n])*)
""", re.S | re.M | re.X)
COMMENT = "\x01"
NAMESPACE = re.compile(r'^(?:inline\s+)?namespace\b|^extern\s+""')
NAME = re.compile(r'((?:[A-Za-z_~][\w]*::)*(?:operator\s*[^\s(]+|~?[A-Za-z_]\w*))\s*\(')


def blank(m):
    text = m.group(0)
    if m.lastgroup in ("str", "raw"):
        return '""' + "\n" * text.count("\n")
    if m.lastgroup == "num":
        return text.replace("'", "")
    # Comments become COMMENT, not spaces: a comment line inside a signature is not blank.
    return re.sub(r"[^\n]", COMMENT if m.lastgroup in ("line", "block") else " ", text)


def signature_of(code, decl_start, brace):
    """(offset, text) of the declaration before `brace`. A signature has no blank line: what
    is above the last one (a macro without a semicolon, say) is not part of it."""
    lines = code[decl_start:brace].split("\n")
    offset, start = brace, brace
    for i, line in enumerate(reversed(lines)):
        offset -= len(line)
        if i > 0 and not line.strip():
            break
        if line.replace(COMMENT, "").strip():
            start = offset + len(line) - len(line.lstrip())
        offset -= 1
    return start, code[start:brace].replace(COMMENT, " ").strip()


def functions(text):
    """(name, start line, length) of every function body closed by `}` at column 0."""
    code = TOKEN.sub(blank, text)
    newlines = [i for i, c in enumerate(code) if c == "\n"]
    line_of = lambda pos: bisect.bisect_right(newlines, pos - 1) + 1
    stack, found, decl_start = [], [], 0  # stack: (kind, signature start) per open brace
    for m in re.finditer(r"[{};]", code):
        pos, ch = m.start(), m.group(0)
        top = all(kind == "ns" for kind, _ in stack)
        if ch == ";":
            if top:
                decl_start = pos + 1
        elif ch == "{":
            if not top:
                stack.append(("inner", None))
                continue
            start, signature = signature_of(code, decl_start, pos)
            if NAMESPACE.match(signature):
                stack.append(("ns", None))
                decl_start = pos + 1
                continue
            stack.append(("top", (start, signature)))
        else:
            if not stack:
                continue
            kind, sig = stack.pop()
            if kind == "ns":
                decl_start = pos + 1
            if kind != "top":
                continue
            at_col0 = pos == 0 or code[pos - 1] == "\n"
            rest = code[pos + 1:code.find("\n", pos) if "\n" in code[pos:] else len(code)]
            closes_declaration = rest.lstrip().startswith(";")
            start, signature = sig
            is_type = re.match(r"^(?:template\s*<.*?>\s*)?(?:class|struct|union|enum)\b", signature, re.S)
            # `m_x{1}` in a constructor's initialiser list closes inside the declaration.
            if not at_col0 or closes_declaration:
                continue
            decl_start = pos + 1
            if is_type or "(" not in signature:
                continue
            name = NAME.search(signature)
            first = line_of(start)
            found.append((name.group(1) if name else "?", first, line_of(pos) - first + 1))
    return found


def violations(root):
    out, scanned = [], 0
    for folder in FOLDERS:
        for dirpath, dirs, files in os.walk(os.path.join(root, folder)):
            dirs.sort()
            for f in sorted(files):
                if not f.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(dirpath, f)
                scanned += 1
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                lines = len(text.splitlines())
                if lines > MAX_FILE:
                    out.append((rel, None, f"{rel}: {lines} lines (max {MAX_FILE})"))
                for name, start, length in functions(text):
                    if length > MAX_FUNCTION:
                        out.append((rel, name, f"{rel}:{start}: {name}, {length} lines (max {MAX_FUNCTION})"))
    return out, scanned


def self_test():
    body = lambda n: "".join(f"    x += {i};\n" for i in range(n))
    sources = {
        "core/Big.cpp": "int big;\n" * 601,
        "core/Edge.cpp": "int edge;\n" * 600,
        # Fits::f is 80 lines and passes; Long::Long is 81 (its initialiser list and lambda count).
        "ui/Long.cpp": (
            '#include "x.h"\nQ_LOGGING_CATEGORY(lc, "eic")\n\nnamespace eic {\n\n'
            "void Fits::f()\n{\n" + body(77) + "}\n\n"
            "Long::Long(int a)\n    : m_a{a}\n{\n"
            '    auto l = [] {\n        return "}";\n    };\n' + body(74) + "}\n\n"
            "class Klass\n{\n" + "    int a;\n" * 90 + "};\n\n"
            'extern "C" {\n' + "int c;\n" * 90 + "}\n\n"
            "const int table[] = {\n" + "    1'000,\n" * 90 + "};\n\n"
            "} // namespace eic\n"),
    }
    with tempfile.TemporaryDirectory() as root:
        for rel, text in sources.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as fh:
                fh.write(text)
        got = sorted((rel, name) for rel, name, _ in violations(root)[0])
    want = [("core/Big.cpp", None), ("ui/Long.cpp", "Long::Long")]
    if got != want:
        sys.exit(f"FAIL: the self-test expected {want}, got {got}: the checker is broken")


def allowed(root):
    path = os.path.join(root, "tests/packaging/sizes.allow")
    with open(path) as fh:
        entries = [l.split("#")[0].strip() for l in fh]
    return {e for e in entries if e}


self_test()
root = sys.argv[1]
allow = allowed(root)
found, scanned = violations(root)
if scanned < 50:
    sys.exit(f"FAIL: only {scanned} sources under {root}: is SOURCE_DIR right?")
bad = [text for rel, name, text in found if (rel if name is None else f"{rel}:{name}") not in allow]
keys = {rel if name is None else f"{rel}:{name}" for rel, name, _ in found}
stale = sorted(allow - keys)
for text in bad:
    print(text, file=sys.stderr)
for entry in stale:
    print(f"sizes.allow: {entry} is within the limits now: remove it", file=sys.stderr)
if bad or stale:
    sys.exit(f"FAIL: {len(bad)} over the limits ({MAX_FILE} lines a file, {MAX_FUNCTION} a function)")
print(f"sizes: {scanned} sources within the limits ({len(allow)} allowed exceptions)")
PY
