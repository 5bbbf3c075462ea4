package org.kernelsim.api.staticcall.testing;

import com.google.inject.Guice;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.plugin.NoOptions;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.testing.KernelHarness;

/**
 * The contract for a backend as it ships: a {@link BackendPlugin}, booted the way the kernel boots
 * it (the plugin's Guice module, given its options, binds the {@link StaticCallBackend}).
 *
 * <pre>
 * class MyBackendContractTest extends BackendPluginContract {
 *     protected BackendPlugin plugin() { return new MyPlugin(); }
 * }
 * </pre>
 */
public abstract class BackendPluginContract extends StaticCallBackendContract {

    protected abstract BackendPlugin plugin();

    /** The options record the plugin's module is given; {@link NoOptions} by default. */
    protected Record options() {
        return new NoOptions();
    }

    @Override
    protected StaticCallBackend backend() {
        return Guice.createInjector(plugin().module(options())).getInstance(StaticCallBackend.class);
    }

    @Override
    protected Kernel boot(MachineSpec spec) {
        return KernelHarness.load().boot(spec, plugin().module(options()));
    }
}
