#!/bin/bash
# The three hash-list speed ratios of issue 5, each pair measured side by side in one JMH run.
# Usage: F=2 bash hlbench/speed-ratios.sh [path/to/benchmarks.jar]   (after mvn package)
set -euo pipefail
JAR=${1:-hlbench/target/benchmarks.jar}
F=${F:-2}
common=(-f "$F" -wi 3 -i 5 -w 1s -r 1s -gc true -p initial=5000 -p range=10000)
run() {
    java -jar "$JAR" HashListBenchmark "$@" "${common[@]}" 2>&1 | grep -E "^HashListBenchmark\.op "
}
echo "== mvrlu/seq, 1 thread, 0 per mille, 1000 buckets (target >= 0.8)"
run -t 1 -p sync=mvrlu,seq -p updatePermille=0 -p buckets=1000
echo "== mvrlu/rlu, 2 threads, 500 per mille, 1000 buckets (target >= 3)"
run -t 2 -p sync=mvrlu,rlu -p updatePermille=500 -p buckets=1000
echo "== mvrlu/chm, 2 threads, 20 per mille, buckets = initial = 5000 (target >= 0.8)"
run -t 2 -p sync=mvrlu,chm -p updatePermille=20 -p buckets=5000
