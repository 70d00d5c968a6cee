# Shared set-up for scripts/rehab and scripts/test: install missing Debian
# packages, then configure and build a CMake tree when it is stale.
# Sourced, not executed.

REHAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Packages the build and the CLI need.
REHAB_BUILD_PACKAGES=(
  cmake g++ make pkg-config
  libyaml-cpp-dev libhowardhinnant-date-dev tzdata
  libboost-program-options-dev libboost-dev
  libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)

# Extra packages only the tests need (independent parsers, browser, PDF tools).
REHAB_TEST_PACKAGES=(
  libical-dev libpng-dev chromium poppler-utils python3 python3-jsonschema python3-yaml
)

_rehab_apt_updated=0

# rehab_ensure_packages PKG... — installs those not yet installed.
rehab_ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "rehab: installing missing packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ "$_rehab_apt_updated" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2 || return 1
    _rehab_apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# rehab_build DIR BUILD_TYPE TARGET [CMAKE_ARGS...] — configures once, then
# lets the build tool decide what is stale (it tracks sources and CMakeLists
# itself). TARGET "all" builds everything.
rehab_build() {
  local dir="$1" type="$2" target="$3"
  shift 3
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ ! -f "$REHAB_ROOT/$dir/CMakeCache.txt" ]; then
    cmake -S "$REHAB_ROOT" -B "$REHAB_ROOT/$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >&2 || return 1
  fi
  cmake --build "$REHAB_ROOT/$dir" -j "$jobs" --target "$target" >&2
}
