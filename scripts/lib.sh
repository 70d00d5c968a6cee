# Shared set-up for scripts/rehab, scripts/test and scripts/fuzz: install
# missing Debian packages, then configure and build a CMake tree when it is
# stale. Sourced, not executed.

REHAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Packages the CLI needs to build and run: scripts/rehab installs these only
# (gettext: msgfmt compiles the catalogues of po/ at build time).
REHAB_BUILD_PACKAGES=(
  cmake g++ make
  libyaml-cpp-dev libhowardhinnant-date-dev tzdata
  libboost-program-options-dev libboost-locale-dev libboost-dev
  gettext
  libfmt-dev nlohmann-json3-dev
  libssl-dev libqrencode-dev
  pkg-config
  libcurl4-openssl-dev libxml2-dev ca-certificates
)

# `rehab plan --format pdf` prints the handout with Chromium; scripts/rehab
# installs it only when asked for a PDF.
REHAB_PDF_PACKAGES=(chromium)

# Packages only the tests and benchmarks need (test frameworks, independent
# parsers, the browser, PDF tools; lld, which CMakeLists.txt links with when
# present: a fifth of GNU ld's time for the hundred test executables).
REHAB_TEST_PACKAGES=(
  lld libgtest-dev libgmock-dev libbenchmark-dev
  libical-dev libpng-dev chromium poppler-utils python3 python3-jsonschema python3-yaml
  nodejs radicale openssl zbar-tools
)

# The sanitizer build (build-asan/): clang with AddressSanitizer and
# UndefinedBehaviorSanitizer, holding both the tests and the libFuzzer targets,
# so the instrumented library is compiled once for scripts/test and
# scripts/fuzz (clang also compiles it in about half gcc's time at -O0).
REHAB_SANITIZER_PACKAGES=(clang libclang-rt-dev)
REHAB_ASAN_DIR=build-asan
REHAB_ASAN_TYPE=Debug
# Line tables only: sanitizer reports and backtraces keep file:line, and the
# tree builds and links faster than with full debug information.
REHAB_ASAN_CMAKE_ARGS=(-DCMAKE_CXX_COMPILER=clang++ -DREHAB_SANITIZE=ON -DREHAB_BUILD_FUZZERS=ON
                       -DREHAB_BUILD_TESTS=ON -DREHAB_BUILD_BENCHMARKS=OFF
                       -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only)

# The CMake options of the CLI-only build scripts/rehab makes: no tests, no
# benchmarks, so none of REHAB_TEST_PACKAGES is needed to configure it.
REHAB_CLI_CMAKE_ARGS=(-DREHAB_BUILD_TESTS=OFF -DREHAB_BUILD_BENCHMARKS=OFF)

# The find_package names behind REHAB_TEST_PACKAGES; scripts/test configures
# the CLI-only build with each of them disabled to prove it needs none.
# (PkgConfig is not one: CMake's FindLibXml2, which the CLI needs for `rehab
# publish`, runs pkg-config, so pkg-config is a build package.)
REHAB_TEST_FIND_PACKAGES=(GTest GMock benchmark PNG LibIcal)

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

# rehab_ensure_npm_folder DIR — installs the npm packages DIR's package-lock.json
# pins (`npm ci`) when DIR/node_modules is missing or older than the lock file;
# otherwise does nothing. npm comes with the machine's nodejs package (the
# NodeSource build provides it); Debian's own npm package is installed only
# when there is no npm command at all.
rehab_ensure_npm_folder() {
  local dir="$1"
  if [ -d "$dir/node_modules" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    rehab_ensure_packages npm || return 1
  fi
  echo "rehab: installing the npm packages pinned in $dir/package-lock.json" >&2
  (cd "$dir" && npm ci --no-audit --no-fund >&2) || return 1
  touch "$dir/node_modules"
}

# A tree counts as configured only once CMake has finished configuring it with
# the wanted options: the stamp below is written after a successful configure.
# A configure that failed or was interrupted leaves no stamp (and maybe a
# CMakeCache.txt), so the next run configures again, from a fresh cache.
_rehab_stamp_name=".rehab-configured"

# rehab_configure SOURCE DIR [CMAKE_ARGS...] — configures DIR unless its stamp
# says it was configured with exactly these arguments.
rehab_configure() {
  local source="$1" dir="$2"
  shift 2
  local want="$*" stamp="$dir/$_rehab_stamp_name"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dir/CMakeCache.txt" ]; then
    return 0
  fi
  # Never configured to the end, or configured with other options (another
  # compiler, say): the cache there is half-made or stale, so start afresh.
  rm -f "$dir/CMakeCache.txt" "$stamp"
  cmake -S "$source" -B "$dir" "$@" >&2 || return 1
  printf '%s' "$want" >"$stamp"
}

# rehab_is_configured DIR — true when a configure of DIR has finished.
rehab_is_configured() {
  [ -f "$1/$_rehab_stamp_name" ] && [ -f "$1/CMakeCache.txt" ]
}

# rehab_build DIR BUILD_TYPE TARGET [CMAKE_ARGS...] — configures DIR when it
# is not configured with these options, then lets the build tool decide what
# is stale (it tracks sources and CMakeLists itself). TARGET "all" builds
# everything.
rehab_build() {
  local dir="$1" type="$2" target="$3"
  shift 3
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  rehab_configure "$REHAB_ROOT" "$REHAB_ROOT/$dir" -DCMAKE_BUILD_TYPE="$type" "$@" || return 1
  cmake --build "$REHAB_ROOT/$dir" -j "$jobs" --target "$target" >&2
}
