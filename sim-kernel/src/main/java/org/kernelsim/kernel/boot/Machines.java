package org.kernelsim.kernel.boot;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.kernel.machine.Platform;

/** Boots machines: one Guice injector per simulated machine, the backend contributed by its plugin's module. */
public final class Machines {

    private Machines() {
    }

    /** Boots with the backend bound by {@code backendModule} (a plugin's {@code module(options)}). */
    public static SimKernel boot(MachineSpec spec, Platform platform, Module backendModule) {
        return Guice.createInjector(new MachineModule(spec, platform), backendModule).getInstance(SimKernel.class);
    }

    public static SimKernel boot(MachineSpec spec, Platform platform, StaticCallBackend backend) {
        return boot(spec, platform, new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(backend);
            }
        });
    }

    /** With the {@link Platform} found on the class path and CPUs costed by {@code costs}. */
    public static SimKernel boot(MachineSpec spec, CostModel costs, Module backendModule) {
        return Guice.createInjector(new MachineModule(spec, Platform.discover(), costs), backendModule)
                .getInstance(SimKernel.class);
    }

    /** With the {@link Platform} found on the class path. */
    public static SimKernel boot(MachineSpec spec, Module backendModule) {
        return boot(spec, Platform.discover(), backendModule);
    }
}
