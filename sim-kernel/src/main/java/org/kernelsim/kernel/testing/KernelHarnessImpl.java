package org.kernelsim.kernel.testing;

import com.google.inject.Module;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.testing.KernelHarness;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.machine.Platform;

/** sim-kernel's {@link KernelHarness}: boots real simulated kernels on the class path's {@link Platform}. */
public final class KernelHarnessImpl implements KernelHarness {

    @Override
    public Kernel boot(MachineSpec spec, StaticCallBackend backend) {
        return Machines.boot(spec, Platform.discover(), backend);
    }

    @Override
    public Kernel boot(MachineSpec spec, Module backendModule) {
        return Machines.boot(spec, Platform.discover(), backendModule);
    }
}
