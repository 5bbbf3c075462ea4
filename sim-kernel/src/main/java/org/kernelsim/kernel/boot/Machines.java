package org.kernelsim.kernel.boot;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
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
        return boot(Guice.createInjector(new MachineModule(spec, platform), backendModule));
    }

    public static SimKernel boot(MachineSpec spec, Platform platform, StaticCallBackend backend) {
        return boot(spec, platform, backend(backend));
    }

    /** With the {@link Platform} found on the class path and CPUs costed by {@code costs}. */
    public static SimKernel boot(MachineSpec spec, CostModel costs, Module backendModule) {
        return boot(Guice.createInjector(new MachineModule(spec, Platform.discover(), costs), backendModule));
    }

    /** With the {@link Platform} found on the class path. */
    public static SimKernel boot(MachineSpec spec, Module backendModule) {
        return boot(spec, Platform.discover(), backendModule);
    }

    /**
     * Boots the machine an injector built from a {@link MachineModule} (possibly overridden, e.g.
     * with {@code Modules.override}) and a backend module: links the image, runs the initcalls.
     */
    public static SimKernel boot(Injector injector) {
        return injector.getInstance(SimKernel.class).start();
    }

    /** A module binding {@code backend} as the machine's {@link StaticCallBackend}. */
    public static Module backend(StaticCallBackend backend) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(backend);
            }
        };
    }
}
