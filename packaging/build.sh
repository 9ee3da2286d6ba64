#!/usr/bin/env bash
# Build the one-folder bundle (dist/orgdesigner/) and check it: --version, and a screenshot of the
# Cheshire East template rendered offscreen from the bundle. Prints the bundle's size.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e . "pyinstaller>=6.10"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/orgdesigner.spec
app=dist/orgdesigner/orgdesigner
"$app" --version
out=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$app" new --template cheshire-east-2013 -o "$out/ce.orgx"
QT_QPA_PLATFORM=offscreen "$app" screenshot "$out/ce.orgx" -o "$out/ce.png" --size 1200x800
QT_QPA_PLATFORM=offscreen "$app" pdf "$out/ce.orgx" -o "$out/ce.pdf"
test -s "$out/ce.png" && test -s "$out/ce.pdf"
echo "bundle ok: $(du -sh dist/orgdesigner | cut -f1) in dist/orgdesigner"
