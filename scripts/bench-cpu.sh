#!/usr/bin/env bash
# Guest-MIPS benchmark of the simulated CPU on the three static-call loop programs
# (golden/elf/bench-generic-kcfi.elf, bench-tramp-branch.elf, bench-tramp-nop-literal.elf).
# Builds sim-cpu-aarch64's test classes (without running tests) and runs JMH
# (default -f 1 -wi 3 -i 5; pass other JMH options as arguments, e.g. scripts/bench-cpu.sh -f 1 -wi 1 -i 2).
# Prints: loop, guest instructions, guest MIPS (mean ± error), instructions per call.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFLINE=${OFFLINE:-}   # set OFFLINE=-o to build without the network
./mvnw -B -ntp -q $OFFLINE -pl sim-cpu-aarch64 test-compile
CP_FILE=sim-cpu-aarch64/target/bench.classpath
./mvnw -B -ntp -q $OFFLINE -pl sim-cpu-aarch64 dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="sim-cpu-aarch64/target/test-classes:sim-cpu-aarch64/target/classes:$(cat "$CP_FILE")"
exec java -cp "$CP" org.kernelsim.cpu.bench.StaticCallLoopBenchMain "$@"
