#!/usr/bin/env bash
# Checks on a real Maven build what the unit tests cannot: Failsafe with forkCount=3 writes one
# run summary holding every fork's experiments, and faultexperiment.summary.require-experiments
# (plus failIfNoTests) fails `mvn verify` when no experiment ran. Needs the project installed in
# the local repository first (mvn install -DskipTests from the root). Not part of the build.
# Usage: tests/forked-summary-fixture/run.sh [extra maven args, e.g. -o -Dmaven.repo.local=...]
set -euo pipefail
cd "$(dirname "$0")"
summary=target/fault-experiments/summary.json

mvn -B -q clean verify "$@"
experiments=$(jq '.experiments' "$summary")
[ "$experiments" = 3 ] || { echo "expected 3 experiments from 3 forks, got $experiments"; exit 1; }
jq -e '.failed == 0 and .experiments > 0 and .gate.passed' "$summary" >/dev/null
echo "forkCount=3: one summary with 3 experiments, gate passed"

# Every fork of a single-JVM run executes, but no chaos test is selected: the gate fails the build.
if mvn -B -q verify -Dfork.count=1 -Dchaos.groups=none -Dfail.if.no.tests=false "$@" >/dev/null 2>&1; then
  echo "a run without experiments passed"; exit 1
fi
jq -e '.experiments == 0 and (.gate.passed | not)' "$summary" >/dev/null
echo "no experiment: mvn verify failed and the summary records the gate"

# forkCount=3 starts no JVM when nothing is selected: failIfNoTests fails the build.
if mvn -B -q verify -Dchaos.groups=none "$@" >/dev/null 2>&1; then
  echo "a forked run without tests passed"; exit 1
fi
echo "no test at all with forkCount=3: failIfNoTests failed the build"
