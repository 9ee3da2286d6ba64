#!/usr/bin/env bash
# Install the built bundle for the current user: program, menu entry, icon, .orgx association.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
dest="${PREFIX:-$HOME/.local}"
mkdir -p "$dest/lib" "$dest/bin" "$dest/share/applications" "$dest/share/icons/hicolor/256x256/apps" \
  "$dest/share/mime/packages"
rm -rf "$dest/lib/orgdesigner"
cp -r "$root/dist/orgdesigner" "$dest/lib/orgdesigner"
ln -sf "$dest/lib/orgdesigner/orgdesigner" "$dest/bin/orgdesigner"
cp "$here/orgdesigner.desktop" "$dest/share/applications/"
cp "$root/resources/icons/orgdesigner.png" "$dest/share/icons/hicolor/256x256/apps/orgdesigner.png"
cp "$here/orgdesigner-mime.xml" "$dest/share/mime/packages/orgdesigner.xml"
command -v update-mime-database >/dev/null && update-mime-database "$dest/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$dest/share/applications" || true
echo "installed in $dest (run: orgdesigner)"
