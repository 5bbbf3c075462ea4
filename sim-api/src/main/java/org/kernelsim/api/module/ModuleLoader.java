package org.kernelsim.api.module;

import java.util.List;
import java.util.Optional;
import org.kernelsim.cpu.obj.ObjectFile;

/**
 * {@code insmod}/{@code rmmod}: places a module in the module region (near the image when it
 * fits, else anywhere in the 2 GiB region with PLTs), resolves its undefined symbols against
 * exports, applies relocations with the kernel's checks, runs init as guest code. Failures throw
 * {@link ModuleLoadException} and leave nothing mapped.
 */
public interface ModuleLoader {

    /** Builds and loads an available (not built-in) {@link KernelModule} by name. */
    LoadedModule load(String name);

    /** Loads a prebuilt object (e.g. from the assembler) as module {@code obj.name()}. */
    LoadedModule load(ObjectFile obj);

    /** Runs exit, notifies GOING, waits for RCU, then unmaps and frees the module. 0 or -errno (-ENOENT if not loaded). */
    int unload(String name);

    Optional<LoadedModule> module(String name);

    List<LoadedModule> loaded();

    void addNotifier(ModuleNotifier notifier);
}
