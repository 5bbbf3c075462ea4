package org.kernelsim.api.module;

/** {@code register_module_notifier}: told of COMING (relocated, before init), LIVE and GOING (after exit, before free). */
@FunctionalInterface
public interface ModuleNotifier {

    void notify(ModuleState state, LoadedModule module);
}
