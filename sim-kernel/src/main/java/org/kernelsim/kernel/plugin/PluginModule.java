package org.kernelsim.kernel.plugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.workload.WorkloadPlugin;

/**
 * Binds the discovered plugins by name ({@code Map<String, BackendPlugin>},
 * {@code Map<String, WorkloadPlugin>}) and the registry itself, for injectors that pick a backend
 * by its config name.
 */
public final class PluginModule extends AbstractModule {

    private final PluginRegistry registry;

    public PluginModule(PluginRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        MapBinder<String, BackendPlugin> backends = MapBinder.newMapBinder(binder(), String.class, BackendPlugin.class);
        registry.backends().forEach((name, r) -> backends.addBinding(name).toInstance(r.plugin()));
        MapBinder<String, WorkloadPlugin> workloads =
                MapBinder.newMapBinder(binder(), String.class, WorkloadPlugin.class);
        registry.workloads().forEach((name, r) -> workloads.addBinding(name).toInstance(r.plugin()));
    }
}
