package org.kernelsim.api.testing;

import java.util.ServiceLoader;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.staticcall.StaticCallBackend;

/**
 * Boots simulated kernels for tests that live outside sim-kernel (the backend contract suite,
 * module tests). sim-kernel provides the implementation through {@link ServiceLoader}, so these
 * tests run wherever sim-kernel is on the test classpath.
 */
public interface KernelHarness {

    /** Boots a machine running {@code backend}: image linked (built-in modules included), static calls initialised, CPUs idle. */
    Kernel boot(MachineSpec spec, StaticCallBackend backend);

    /** Boots with the backend bound by a plugin's Guice module (it must bind {@link StaticCallBackend}). */
    Kernel boot(MachineSpec spec, com.google.inject.Module backendModule);

    /** The first implementation on the class path; fails with a clear message when none is. */
    static KernelHarness load() {
        return ServiceLoader.load(KernelHarness.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no KernelHarness on the class path: add sim-kernel as a test dependency"));
    }
}
