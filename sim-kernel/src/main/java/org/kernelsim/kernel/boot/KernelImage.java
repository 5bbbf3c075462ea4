package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.kernelsim.kernel.link.Linker;

/** The linked vmlinux: its layout and the initcalls still to run (in link order). */
public record KernelImage(Linker.Plan plan, List<String> initcalls) {

    public KernelImage {
        requireNonNull(plan, "plan");
        initcalls = List.copyOf(initcalls);
    }
}
