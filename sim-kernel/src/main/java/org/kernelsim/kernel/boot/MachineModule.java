package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.kernel.machine.Platform;

/**
 * The per-machine Guice bindings: the spec, the hardware platform, and the booted kernel built
 * from them and from the {@link StaticCallBackend} that the backend plugin's module binds.
 */
public final class MachineModule extends AbstractModule {

    private final MachineSpec spec;
    private final Platform platform;
    private final CostModel costs;

    public MachineModule(MachineSpec spec, Platform platform) {
        this(spec, platform, CostModel.defaults());
    }

    public MachineModule(MachineSpec spec, Platform platform, CostModel costs) {
        this.spec = requireNonNull(spec, "spec");
        this.platform = requireNonNull(platform, "platform");
        this.costs = requireNonNull(costs, "costs");
    }

    @Override
    protected void configure() {
        bind(MachineSpec.class).toInstance(spec);
        bind(Platform.class).toInstance(platform);
        bind(CostModel.class).toInstance(costs);
    }

    @Provides
    @Singleton
    SimKernel kernel(MachineSpec spec, Platform platform, StaticCallBackend backend, CostModel costs) {
        return SimKernel.boot(spec, platform, backend, costs);
    }
}
