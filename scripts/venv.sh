# Sourced by scripts/run and scripts/test: create .venv and install the project into it, but only when
# pyproject.toml, the extras asked for, the Python or the checkout's place changed since the last install
# (the code is installed editable, so edits to it need no reinstall): a start on an installed checkout
# runs no pip at all.
ensure_venv() {
  local extras="$1"
  local py="${PYTHON:-python3}"
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  local want
  want="$( { cat pyproject.toml; .venv/bin/python -c 'import sys; print(sys.version)'; pwd; } | sha256sum | cut -d' ' -f1)"
  local stamp=".venv/.installed-${extras:-app}"
  # An install with the test extras holds everything the app needs too.
  for have in "$stamp" .venv/.installed-test; do
    if [ -x .venv/bin/orgdesigner ] && [ -f "$have" ] && [ "$(cat "$have")" = "$want" ]; then
      return 0
    fi
  done
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
  echo "$want" > "$stamp"
}
