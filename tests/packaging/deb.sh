#!/usr/bin/env bash
# The .deb: built by CPack from the build tree, its Depends computed from the binaries, installed
# (extracted) into a temp root; the installed binaries start (--version); the desktop file and
# the AppStream metainfo validate; man pages and bash completion are installed; lintian finds
# no error and no warning.
# Env: BUILD_DIR, SOURCE_DIR.
set -euo pipefail
BUILD_DIR=${BUILD_DIR:?}
SOURCE_DIR=${SOURCE_DIR:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$BUILD_DIR" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || fail "cpack: $(tail -20 "$work/cpack.log")"
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6widgets6 libqt6network6 libpq5 libhiredis libqt6keychain1 libspdlog libyaml-cpp; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
grep -q postgresql-client <<<"$(dpkg-deb -f "$deb" Recommends)" || fail "Recommends lacks postgresql-client"
# apt installs Recommends: Debian 12's kubernetes-client there conflicts with kubectl from other
# repositories and made the whole install fail, so kubectl may only be suggested.
grep -q kube <<<"$(dpkg-deb -f "$deb" Depends Recommends)" && fail "Depends/Recommends must not pull a kubectl"
dpkg-deb -x "$deb" "$work/root"
for b in eic-restore eicctl eic-sim; do
  [ -x "$work/root/usr/bin/$b" ] || fail "$b not installed"
done
"$work/root/usr/bin/eicctl" --version | grep "^eicctl 0\." >/dev/null || fail "eicctl --version"
"$work/root/usr/bin/eic-sim" --version | grep "0\." >/dev/null || fail "eic-sim --version"
QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/eic-restore" --version | grep "0\." >/dev/null || fail "eic-restore --version"
desktop-file-validate "$work/root/usr/share/applications/eic-restore.desktop" || fail "desktop file"
[ -f "$work/root/usr/share/icons/hicolor/scalable/apps/eic-restore.svg" ] || fail "icon"
appstreamcli validate --no-net --pedantic "$work/root/usr/share/metainfo/io.github.eic_restore.eic_restore.metainfo.xml" >"$work/as.log" 2>&1 ||
  fail "appstream: $(cat "$work/as.log")"
for page in eic-restore eicctl eic-sim; do
  [ -f "$work/root/usr/share/man/man1/$page.1.gz" ] || fail "no man page for $page"
done
[ -f "$work/root/usr/share/bash-completion/completions/eicctl" ] || fail "no bash completion"
MANWIDTH=100 man -l "$work/root/usr/share/man/man1/eicctl.1.gz" 2>/dev/null | grep "sandbox start" >/dev/null || fail "the man page does not render"
# lintian: no error and no warning. Its remaining notes (I:) are explained in packaging/README.md.
command -v lintian >/dev/null || fail "lintian is not installed (scripts/setup installs it)"
lintian --tag-display-limit 0 -I "$deb" >"$work/lintian.log" 2>&1 || true
if grep -E '^[EW]: ' "$work/lintian.log"; then
  fail "lintian found errors or warnings (above)"
fi
echo "lintian: no errors, no warnings; $(grep -c '^I: ' "$work/lintian.log" || true) notes"
echo "package: all checks passed"
