package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.kernel.link.ObjectBuilder;
import org.kernelsim.kernel.module.ModuleLoaderImpl;
import org.kernelsim.kernel.staticcall.BuildSupport;
import org.kernelsim.kernel.staticcall.StaticCallCore;
import org.kernelsim.kernel.trap.JavaServices;

/** Builds a loadable module's object through the backend's emitters (what the module's {@code make} would). */
public final class ModuleBuilder implements ModuleLoaderImpl.Builder {

    private final MachineSpec spec;
    private final StaticCallCore staticCalls;
    private final JavaServices services;

    @Inject
    public ModuleBuilder(MachineSpec spec, StaticCallCore staticCalls, JavaServices services) {
        this.spec = requireNonNull(spec, "spec");
        this.staticCalls = requireNonNull(staticCalls, "staticCalls");
        this.services = requireNonNull(services, "services");
    }

    @Override
    public ModuleLoaderImpl.BuiltModule build(KernelModule m) {
        BuildSupport b = new BuildSupport(new ObjectBuilder(m.name(), m.name(), spec.features()), staticCalls, services);
        m.build(b);
        return new ModuleLoaderImpl.BuiltModule(b.builder().build(), b.definedHere());
    }
}
