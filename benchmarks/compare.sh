#!/usr/bin/env bash
# Prints two benchmark results side by side as one Markdown table: each row's "ours" column of run A next to
# run B's, with the goal and whether each run met it.
#   benchmarks/compare.sh a/results.md b/results.md
# e.g. single PostgreSQL against Citus on the same machine:
#   flock /work/briefs/bench.lock sh -c 'benchmarks/run.sh --events 1000000 && cp benchmarks/target/results.md pg.md'
#   flock /work/briefs/bench.lock sh -c 'benchmarks/run.sh --events 1000000 --citus && cp benchmarks/target/results.md citus.md'
#   benchmarks/compare.sh pg.md citus.md
# Rows are matched by phase and figure with their numbers left out (a figure such as "team_01 (the busiest:
# 468,167 events)" names different counts in two runs); a row only one run has shows "–" for the other. The
# column names are the runs' labels (run.sh --label), else the file names. Each run's header line follows the
# table.
set -euo pipefail

if [[ $# -ne 2 || ! -f "$1" || ! -f "$2" ]]; then
  sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi

awk '
  function label(file, header,    m) {
    if (match(header, /^Run \047[^\047]+\047/)) {
      return substr(header, RSTART + 5, RLENGTH - 6)
    }
    sub(/.*\//, "", file)
    return file
  }
  # The cells of a table line, in cell[1..n]; answers n (0 for a line that is not a row).
  function cells(line, cell,    n) {
    if (line !~ /^\| / || line ~ /^\|---/) {
      return 0
    }
    line = substr(line, 3, length(line) - 4)
    return split(line, cell, / \| /)
  }
  FNR == 1 { run++; name[run] = label(FILENAME, $0); head[run] = $0 }
  {
    n = cells($0, c)
    if (n < 8 || c[1] == "phase") {
      next
    }
    key = c[1] "|" c[2]
    gsub(/[0-9][0-9,.]*/, "#", key)
    if (!(key in order)) {
      order[key] = ++rows
      phase[key] = c[1]
      figure[key] = c[2]
      goal[key] = c[6]
    }
    if (goal[key] == "") {
      goal[key] = c[6]
    }
    ours[run, key] = c[3]
    met[run, key] = c[7]
  }
  END {
    for (key in order) {
      byOrder[order[key]] = key
    }
    printf "| phase | figure | %s | %s | goal | %s met | %s met |\n", name[1], name[2], name[1], name[2]
    print "|---|---|---|---|---|---|---|"
    for (i = 1; i <= rows; i++) {
      key = byOrder[i]
      a = ((1, key) in ours) ? ours[1, key] : "–"
      b = ((2, key) in ours) ? ours[2, key] : "–"
      printf "| %s | %s | %s | %s | %s | %s | %s |\n", phase[key], figure[key], a, b, goal[key], met[1, key], met[2, key]
    }
    printf "\n%s: %s\n\n%s: %s\n", name[1], head[1], name[2], head[2]
  }
' "$1" "$2"
