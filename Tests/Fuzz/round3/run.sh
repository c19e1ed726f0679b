#!/usr/bin/env bash
# Runs the round-three hostile-input cases (see README.md): each in a scratch copy of its
# folder, with KS (default: .build/release/ketensim) and PROJ (the checkout) set, under a
# 6 GB address-space limit and a 5-minute timeout. Prints one line per case; exit 1 if any
# case ends otherwise than its `expect` file says.
set -u
here=$(cd "$(dirname "$0")" && pwd)
PROJ=${PROJ:-$(cd "$here/../../.." && pwd)}
KS=${KS:-$PROJ/.build/release/ketensim}
export KS PROJ
failed=0
for dir in "$here"/*/; do
  name=$(basename "$dir")
  if [ $# -gt 0 ]; then
    match=0; for pattern in "$@"; do [[ "$name" == *"$pattern"* ]] && match=1; done
    [ $match = 1 ] || continue
  fi
  scratch=$(mktemp -d)
  cp -r "$dir". "$scratch"
  grep -rl '@PROJ@' "$scratch" 2>/dev/null | xargs -r sed -i "s|@PROJ@|$PROJ|g"
  status=$(cd "$scratch" && (ulimit -v 6000000; timeout 300 bash ./cmd >output 2>&1); echo $?)
  want=$(head -n 1 "$dir/expect" | sed 's/^exit //')
  problem=""
  [ "$status" = "$want" ] || problem="exit $status, expected $want"
  while IFS= read -r text; do
    [ -z "$text" ] && continue
    grep -qF -- "$text" "$scratch/output" || problem="${problem:+$problem; }output lacks: $text"
  done < <(tail -n +2 "$dir/expect")
  if [ -z "$problem" ]; then echo "ok    $name"; else
    echo "FAIL  $name: $problem"; sed 's/^/      | /' "$scratch/output" | head -c 2000; echo; failed=1
  fi
  rm -rf "$scratch"
done
exit $failed
