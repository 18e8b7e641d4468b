# Sourced by ./run and ./test: make this machine ready, quickly when it already is.
#   thuiszit_setup gui        Qt libraries for a real display (xcb) and offscreen
#   thuiszit_setup offscreen  only what offscreen Qt (tests, CI) needs
#   thuiszit_postgres         PostgreSQL's server programs for the tests on a throwaway server (./test)

_thuiszit_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian package -> a library file it provides (checked with ldconfig, which is fast).
_THUISZIT_OFFSCREEN_LIBS=(
  "libegl1:libEGL.so.1" "libgl1:libGL.so.1" "libxkbcommon0:libxkbcommon.so.0"
  "libfontconfig1:libfontconfig.so.1" "libglib2.0-0:libglib-2.0.so.0" "libdbus-1-3:libdbus-1.so.3"
)
_THUISZIT_XCB_LIBS=(
  "libxcb-cursor0:libxcb-cursor.so.0" "libxcb-icccm4:libxcb-icccm.so.4" "libxcb-keysyms1:libxcb-keysyms.so.1"
  "libxcb-image0:libxcb-image.so.0" "libxcb-randr0:libxcb-randr.so.0" "libxcb-render-util0:libxcb-render-util.so.0"
  "libxcb-shape0:libxcb-shape.so.0" "libxcb-xfixes0:libxcb-xfixes.so.0" "libxcb-xkb1:libxcb-xkb.so.1"
  "libxkbcommon-x11-0:libxkbcommon-x11.so.0" "libx11-xcb1:libX11-xcb.so.1"
)

_thuiszit_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Thuiszit Desktop heeft Python 3.11 of nieuwer nodig; installeer dat eerst (apt-get install python3)." >&2
  return 1
}

_thuiszit_apt() {
  # Install Debian packages as root, otherwise print the exact command and stop.
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== apt-get install $*" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
  else
    echo "Er ontbreken systeembibliotheken. Installeer ze met:" >&2
    echo "  sudo apt-get install -y $*" >&2
    return 1
  fi
}

_thuiszit_system_libs() {
  local wanted=("${_THUISZIT_OFFSCREEN_LIBS[@]}") missing=() entry
  [ "$1" = "gui" ] && wanted+=("${_THUISZIT_XCB_LIBS[@]}")
  command -v ldconfig >/dev/null 2>&1 || return 0  # not a glibc Linux: nothing we can check
  local known
  known="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p)"
  for entry in "${wanted[@]}"; do
    grep -qF "${entry#*:}" <<<"$known" || missing+=("${entry%%:*}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then _thuiszit_apt "${missing[@]}"; fi
}

_thuiszit_venv() {
  local venv="$_thuiszit_root/.venv" python stamp
  stamp="$(sha256sum "$_thuiszit_root/pyproject.toml" | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.thuiszit-stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  python="$(_thuiszit_python)"
  if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
      rm -rf "$venv"
      # Debian ships venv separately (python3-venv or python3.X-venv).
      local version
      version="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      _thuiszit_apt "python${version}-venv" || return 1
      "$python" -m venv "$venv"
    fi
  fi
  echo "== Python-pakketten installeren in .venv (eenmalig, een paar minuten)" >&2
  "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet -e "$_thuiszit_root[dev]" >&2
  echo "$stamp" >"$venv/.thuiszit-stamp"
}

thuiszit_postgres() {
  # tests/pgcluster.py starts its own cluster with Debian's initdb and pg_ctl; without them those tests are
  # skipped (with this command in the reason), so a missing PostgreSQL never stops the rest.
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return 0
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  _thuiszit_apt postgresql || echo "Zonder PostgreSQL worden de servertests overgeslagen." >&2
}

thuiszit_setup() {
  _thuiszit_system_libs "$1"
  _thuiszit_venv
}
