#!/usr/bin/env bash
# `make slurm-check`: shards on a real Slurm, merged, against the run made whole on one
# machine. Starts a single-node cluster (munge, slurmctld, slurmd; root, no systemd) unless
# one answers already, submits what `ketensim slurm` writes for a `compare`, a `run`, a
# `sensitivity`, a `size` (3 shards, one per scenario) and a two-round `calibrate`,
# each in 4 shards, waits for the merge jobs and compares every CSV
# and JSON file byte for byte (not the manifest, nor calibration.json, which says when and
# how long, nor the wall_seconds lines of sizing.json).
set -uo pipefail
BIN=$(realpath "${1:-.build/release/ketensim}")
HERE=$(dirname "$(realpath "$0")")
cd "$HERE/../.."
started=0
if ! sinfo -h >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "slurm: skipped (no cluster answers, and starting one needs root)"; exit 0; fi
  bash "$HERE/start-cluster.sh" || exit 1
  started=1
fi
# A cluster started here is stopped again at the end, whatever happens.
stop() { [ $started = 1 ] && { scancel --user=root 2>/dev/null; pkill -x slurmd; pkill -x slurmctld; pkill -x munged; } ; true; }
trap stop EXIT
W=$(mktemp -d /tmp/ketensim-slurm-XXXXXX)
passed=0; failed=0
check() { # name, shards, whole-run arguments …
  local name=$1 shards=$2; shift 2
  # A calibration's final job finds every point in the shards' cache; other merges say how many shards.
  local merged=merged; [ "$1" = calibrate ] || merged=sharded
  "$BIN" slurm --shards "$shards" --cpus-per-task 1 --out "$W/$name" -- "$@" >/dev/null || { echo "FAIL $name: ketensim slurm"; failed=$((failed+1)); return; }
  sh "$W/$name/submit.sh"
  # Until the merge is written, or nothing is left in the queue (a failed job), at most 5 min.
  for _ in $(seq 1 300); do
    [ -f "$W/$name/merged/manifest.json" ] && break
    [ -z "$(squeue -h 2>/dev/null)" ] && { sleep 2; break; }
    sleep 1
  done
  "$BIN" "$@" --quiet --out "$W/$name-whole" >/dev/null
  local bad=0 n=0
  for f in "$W/$name-whole"/*.csv "$W/$name-whole"/*.json; do
    case "$(basename "$f")" in manifest.json|calibration.json) continue;; esac
    n=$((n+1))
    # A sizing says how long each scenario took: all else must agree.
    cmp -s <(grep -v '"wall_seconds"' "$f") <(grep -v '"wall_seconds"' "$W/$name/merged/$(basename "$f")") || { echo "  differs: $(basename "$f")"; bad=1; }
  done
  if [ -f "$W/$name/merged/manifest.json" ] && [ $bad = 0 ] && [ $n -ge 2 ] \
     && { [ $merged = merged ] || grep -q "\"shards\" : $shards" "$W/$name/merged/manifest.json"; } \
     && { [ $merged = sharded ] || grep -q "(0 evaluated now," "$W/$name/logs/merge.out"; }; then
    echo "ok   $name: $shards Slurm array tasks a round merged, $n files byte-identical to the whole run"; passed=$((passed+1))
  else
    echo "FAIL $name"; tail -n 20 "$W/$name"/logs/*.out 2>/dev/null; failed=$((failed+1))
  fi
}
check compare 4 compare Scenarios/westfriesland/opplus.yaml Scenarios/westfriesland/uitbesteding.yaml -r 8 --keep-persons 3 --seed 5 --robust 4 --robust-replications 2 --robust-assumptions 0
check run 4 run Scenarios/cases/tholen.yaml -r 9 --keep-persons 4 --seed 5
check sensitivity 4 sensitivity Scenarios/cases/tholen.yaml -r 4 --sobol 2 --sobol-replications 1 --seed 5
check size 3 size Tests/Slurm/size-small.yaml
check calibrate 4 calibrate Tests/Browser/calibration-small.yaml --overlays "$W/overlays"
rm -rf "$W"
echo "slurm: $passed passed, $failed failed"
[ $failed = 0 ]
