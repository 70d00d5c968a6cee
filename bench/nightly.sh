#!/bin/sh
# The nightly run of `rehab batch`, side by side with a fresh run (issue 18):
#   bench/nightly.sh BUILD_DIR [PATIENTS] [ROUNDS]
# Writes the synthetic caseload (batch_bench --write-patients) to a temp dir, runs the
# batch for 2026-11-16 (yesterday's run), logs a diary row dated 2026-11-16 for 30 % of the
# patients, then alternates ROUNDS times: a fresh run for 2026-11-17 into an empty OUTDIR,
# and the nightly run for 2026-11-17 over a copy of yesterday's OUTDIR (cp -a keeps the
# modification times the manifest records; the copy is not timed). Prints wall, user and
# system seconds of each run, and the nightly run's summary line.
# Fair to both runs: every round writes into folders of its own and nothing is deleted
# until the end (ext4 is slow to create files for a few minutes after many were deleted,
# which a real nightly run, a day after the last, never sees), and `sync` runs before
# each timed run (else the untimed copy's write-back is charged to the nightly run).
set -eu
build=${1:?usage: bench/nightly.sh BUILD_DIR [PATIENTS] [ROUNDS]}
patients=${2:-10000}
rounds=${3:-3}
rehab=$build/rehab
work=$(mktemp -d "${TMPDIR:-/tmp}/rehab-nightly-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
"$build/bench/batch_bench" --write-patients "$work/caseload" "$patients" >/dev/null
"$rehab" batch "$work/caseload" -o "$work/yesterday" -j 2 --today 2026-11-16 >/dev/null || true
"$build/bench/batch_bench" --change-diaries "$work/caseload" 30 2026-11-16
timed() {  # label, then the command
  label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %S s system" "$@" >"$work/out" 2>"$work/err" || true
  tail -n 1 "$work/err"
}
i=1
while [ "$i" -le "$rounds" ]; do
  sync
  timed "round $i fresh  " "$rehab" batch "$work/caseload" -o "$work/fresh-$i" -j 2 --today 2026-11-17
  cp -a "$work/yesterday" "$work/nightly-$i"
  sync
  timed "round $i nightly" "$rehab" batch "$work/caseload" -o "$work/nightly-$i" -j 2 --today 2026-11-17
  echo "  nightly: $(head -n 1 "$work/out")"
  i=$((i + 1))
done
