#!/usr/bin/env bash
# The translation template is current: lupdate over the sources finds exactly the texts of the
# committed translations/eic-restore.ts (run `cmake --build build --target eic_lupdate` after
# changing texts), and there are enough of them that the GUI is really wrapped in tr().
# Env: LUPDATE, LUPDATE_ARGS, SOURCE_DIR.
set -euo pipefail
: "${LUPDATE:?}" "${LUPDATE_ARGS:?}" "${SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
committed=$SOURCE_DIR/translations/eic-restore.ts
[ -f "$committed" ] || fail "translations/eic-restore.ts is missing"
# shellcheck disable=SC2086 # the arguments are a list
"$LUPDATE" $LUPDATE_ARGS -ts "$work/fresh.ts" >/dev/null || fail "lupdate failed"
/usr/bin/python3 - "$committed" "$work/fresh.ts" <<'PY' || fail "translations/eic-restore.ts is out of date: cmake --build build --target eic_lupdate"
import sys
import xml.etree.ElementTree as ET
def messages(path):
    return {(c.findtext("name"), m.findtext("source")) for c in ET.parse(path).getroot().iter("context") for m in c.iter("message")}
old, new = messages(sys.argv[1]), messages(sys.argv[2])
for ctx, src in sorted(new - old)[:10]:
    print(f"  new text in {ctx}: {src[:90]!r}")
for ctx, src in sorted(old - new)[:10]:
    print(f"  gone from {ctx}: {src[:90]!r}")
contexts = {c for c, _ in new}
for needed in ("eic::ui::MainWindow", "eic::ui::WelcomePage", "eic::ui::RestoreWizard", "ProfileStore", "CautionGuide"):
    assert any(c == needed or c.endswith(needed) for c in contexts), f"no texts from {needed}"
print(f"translations: {len(new)} texts in {len(contexts)} contexts")
sys.exit(0 if old == new else 1)
PY
# The English plural forms: every text with a count (tr("%n pod(s)", nullptr, n)) is in
# eic-restore_en.ts with both forms filled, so that the programs say "1 pod" / "2 pods".
plurals=$SOURCE_DIR/translations/eic-restore_en.ts
[ -f "$plurals" ] || fail "translations/eic-restore_en.ts is missing"
# shellcheck disable=SC2086
"$LUPDATE" $LUPDATE_ARGS -pluralonly -target-language en -ts "$work/plurals.ts" >/dev/null || fail "lupdate -pluralonly failed"
/usr/bin/python3 - "$plurals" "$work/plurals.ts" <<'PY' || fail "translations/eic-restore_en.ts is out of date or has empty forms: cmake --build build --target eic_lupdate"
import sys
import xml.etree.ElementTree as ET
def numerus(path):
    return {m.findtext("source"): [n.text or "" for n in m.iter("numerusform")]
            for m in ET.parse(path).getroot().iter("message") if m.get("numerus") == "yes"}
committed, fresh = numerus(sys.argv[1]), numerus(sys.argv[2])
missing = sorted(set(fresh) - set(committed))
empty = sorted(s for s, f in committed.items() if len(f) < 2 or not all(x.strip() for x in f))
for s in missing[:10]:
    print(f"  plural text not in eic-restore_en.ts: {s[:90]!r}")
for s in empty[:10]:
    print(f"  empty plural form: {s[:90]!r}")
print(f"plurals: {len(committed)} texts with English forms")
sys.exit(1 if missing or empty else 0)
PY
