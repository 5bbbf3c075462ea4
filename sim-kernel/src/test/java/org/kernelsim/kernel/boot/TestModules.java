package org.kernelsim.kernel.boot;

import java.util.function.Consumer;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.kernel.machine.Aarch64Platform;
import org.kernelsim.kernel.testbackend.TestBackend;
import org.kernelsim.api.kernel.MachineSpec;

/** Ad-hoc kernel modules for tests, and a boot helper on the real CPUs with the TEST backend. */
public final class TestModules {

    private TestModules() {
    }

    public static KernelModule module(String name, boolean builtIn, Consumer<ModuleBuildContext> body) {
        return KernelModule.of(name, builtIn, "test module " + name, body);
    }

    /** A global function {@code name} of {@code type} with a {@code bti c} landing pad followed by {@code words}. */
    public static void function(CodeEmitter e, String name, String type, int... words) {
        e.section(".text");
        e.beginFunction(name, FunctionType.parse(type), true);
        e.insn(A64.BTI_C);
        for (int w : words) {
            e.insn(w);
        }
        e.endFunction();
    }

    public static SimKernel boot(MachineSpec spec) {
        return Machines.boot(spec, new Aarch64Platform(), new TestBackend());
    }
}
