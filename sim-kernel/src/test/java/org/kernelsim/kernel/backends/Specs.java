package org.kernelsim.kernel.backends;

import java.util.List;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.api.staticcall.testing.ModuleKeyModule;
import org.kernelsim.api.staticcall.testing.SelftestModule;
import org.kernelsim.api.staticcall.testing.SelftestUserModule;

/** The contract's modules, for backend-specific tests. */
final class Specs {

    private Specs() {
    }

    static MachineSpec spec() {
        return MachineSpec.defaults().withModules(List.of(new SelftestModule(), new ContractModule(),
                new SelftestUserModule(), new ModuleKeyModule()));
    }

    static long addr(Kernel k, String symbol) {
        return k.kallsyms().addressOf(symbol);
    }

    static int[] words(Kernel k, long addr, int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = k.memory().read32(addr + 4L * i);
        }
        return w;
    }
}
