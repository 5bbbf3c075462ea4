package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one backend run came to ({@code backend}: the run's name, a backend's or a variant's;
 * {@code implementation}: the backend plugin that ran; {@code options}: its effective options): a pure function of the config, the seed and the backend (no
 * host timings; those are in {@link HostTiming}). Field order is the JSON report's key order.
 */
public record BackendReport(String backend, String implementation, Record options, Counters counters, Optional<PerCall> perCall, List<KeyReport> keys,
        List<ModuleReport> modules, List<CfiFailureReport> cfiFailures, List<String> oopses, List<String> warnings,
        Optional<String> panic, Patching patching, List<ViolationReport> violations, Hazards hazards,
        Map<String, Long> metrics) {

    public BackendReport {
        requireNonNull(backend, "backend");
        requireNonNull(implementation, "implementation");
        requireNonNull(options, "options");
        requireNonNull(counters, "counters");
        requireNonNull(perCall, "perCall");
        keys = List.copyOf(keys);
        modules = List.copyOf(modules);
        cfiFailures = List.copyOf(cfiFailures);
        oopses = List.copyOf(oopses);
        warnings = List.copyOf(warnings);
        requireNonNull(panic, "panic");
        requireNonNull(patching, "patching");
        violations = List.copyOf(violations);
        requireNonNull(hazards, "hazards");
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** A run of backend {@code backend} under its own name, with no options. */
    public BackendReport(String backend, Counters counters, Optional<PerCall> perCall, List<KeyReport> keys,
            List<ModuleReport> modules, List<CfiFailureReport> cfiFailures, List<String> oopses, List<String> warnings,
            Optional<String> panic, Patching patching, List<ViolationReport> violations, Hazards hazards,
            Map<String, Long> metrics) {
        this(backend, backend, new org.kernelsim.api.plugin.NoOptions(), counters, perCall, keys, modules, cfiFailures,
                oopses, warnings, panic, patching, violations, hazards, metrics);
    }

    /** Summed over all CPUs; cycles are the cost model's, not a measurement. */
    public record Counters(long instructions, long cycles, long branches, long indirectBranches, long staticCalls,
            long cfiChecks, long exceptions) {
    }

    /** Instructions and modelled cycles per static call, when the workload measured them against a baseline. */
    public record PerCall(double instructions, double cycles) {
    }

    /** A key at the end of the run, and which targets it reached over time ({@code at}: workload clock). */
    public record KeyReport(String name, long calls, long updates, String target, List<KeyTarget> history) {
        public KeyReport {
            history = List.copyOf(history);
        }
    }

    public record KeyTarget(long at, String target) {
    }

    public record ModuleReport(String name, String placement, int plts, int loads, int unloads) {
    }

    public record CfiFailureReport(String at, String target, String expectedType) {
    }

    public record Patching(long nosync, long stopMachine, long literalWrites, long stallCycles) {
    }

    /** A violation and how many times it occurred (a repeated stale fetch is reported once, counted). */
    public record ViolationReport(String kind, String detail, long count) {
        public ViolationReport(String kind, String detail) {
            this(kind, detail, 1);
        }
    }

    /**
     * Informational hazards, not violations: {@code staleWindowFetches} executions of a stale
     * instruction inside the architecturally permitted window (the writer's maintenance complete,
     * the CPU not yet context-synchronised), at {@code staleWindowSites} distinct code addresses.
     */
    public record Hazards(long staleWindowFetches, long staleWindowSites) {
        public static final Hazards NONE = new Hazards(0, 0);
    }

    /** Host-side facts about a run: never part of the deterministic report. */
    public record HostTiming(String backend, long wallMillis, double mips) {
    }
}
