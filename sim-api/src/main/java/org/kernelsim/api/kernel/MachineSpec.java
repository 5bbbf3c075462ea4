package org.kernelsim.api.kernel;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.kernelsim.api.module.KernelModule;

/**
 * Everything needed to boot one simulated machine, independent of the YAML config (the CLI maps
 * its config onto this; tests and the contract suite build it directly).
 *
 * @param cpus            1..256 CPUs
 * @param seed            seeds the random interleaving and stop_machine arrival jitter
 * @param slice           instructions a CPU runs before the scheduler moves on
 * @param interleave      round-robin or seeded-random CPU order per round
 * @param features        kCFI mode, BTI
 * @param textSize        size of the image's .text (padding costs no heap); pushes modules beyond BL range
 * @param placement       module placement: auto (near when it fits), near, far
 * @param cmodx           what a CMODX violation does
 * @param timerPeriod     instructions between timer interrupts per CPU (0: no timer)
 * @param modules         modules known to the kernel; the built-in ones are linked into the image
 */
public record MachineSpec(int cpus, long seed, int slice, Interleave interleave, KernelFeatures features, long textSize,
                          Placement placement, CmodxPolicy cmodx, long timerPeriod, List<KernelModule> modules) {

    public enum Interleave { ROUND_ROBIN, RANDOM }

    public enum Placement { AUTO, NEAR, FAR }

    public enum CmodxPolicy { REPORT, FAULT, OFF }

    public MachineSpec {
        if (cpus < 1 || cpus > 256) {
            throw new IllegalArgumentException("cpus must be in 1..256: " + cpus);
        }
        if (slice < 1) {
            throw new IllegalArgumentException("slice must be positive: " + slice);
        }
        requireNonNull(interleave, "interleave");
        requireNonNull(features, "features");
        requireNonNull(placement, "placement");
        requireNonNull(cmodx, "cmodx");
        if (textSize < 0) {
            throw new IllegalArgumentException("textSize must not be negative");
        }
        modules = List.copyOf(modules);
    }

    /** 1 CPU, seed 0, slice 200, round-robin, kCFI off, no BTI, 2 MiB text, auto placement, CMODX report, no timer. */
    public static MachineSpec defaults() {
        return new MachineSpec(1, 0, 200, Interleave.ROUND_ROBIN, KernelFeatures.defaults(), 2L << 20, Placement.AUTO,
                CmodxPolicy.REPORT, 0, List.of());
    }

    public MachineSpec withCpus(int n) {
        return new MachineSpec(n, seed, slice, interleave, features, textSize, placement, cmodx, timerPeriod, modules);
    }

    public MachineSpec withSeed(long s) {
        return new MachineSpec(cpus, s, slice, interleave, features, textSize, placement, cmodx, timerPeriod, modules);
    }

    public MachineSpec withSlice(int s) {
        return new MachineSpec(cpus, seed, s, interleave, features, textSize, placement, cmodx, timerPeriod, modules);
    }

    public MachineSpec withInterleave(Interleave i) {
        return new MachineSpec(cpus, seed, slice, i, features, textSize, placement, cmodx, timerPeriod, modules);
    }

    public MachineSpec withFeatures(KernelFeatures f) {
        return new MachineSpec(cpus, seed, slice, interleave, f, textSize, placement, cmodx, timerPeriod, modules);
    }

    public MachineSpec withCfi(CfiMode mode) {
        return withFeatures(new KernelFeatures(mode, features.bti()));
    }

    public MachineSpec withBti(boolean bti) {
        return withFeatures(new KernelFeatures(features.cfi(), bti));
    }

    public MachineSpec withTextSize(long size) {
        return new MachineSpec(cpus, seed, slice, interleave, features, size, placement, cmodx, timerPeriod, modules);
    }

    public MachineSpec withPlacement(Placement p) {
        return new MachineSpec(cpus, seed, slice, interleave, features, textSize, p, cmodx, timerPeriod, modules);
    }

    public MachineSpec withCmodx(CmodxPolicy c) {
        return new MachineSpec(cpus, seed, slice, interleave, features, textSize, placement, c, timerPeriod, modules);
    }

    public MachineSpec withTimerPeriod(long t) {
        return new MachineSpec(cpus, seed, slice, interleave, features, textSize, placement, cmodx, t, modules);
    }

    public MachineSpec withModules(List<KernelModule> m) {
        return new MachineSpec(cpus, seed, slice, interleave, features, textSize, placement, cmodx, timerPeriod, m);
    }
}
