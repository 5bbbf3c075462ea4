package org.kernelsim.api.kernel;

/** kCFI configuration: off (no checks emitted), permissive (CONFIG_CFI_PERMISSIVE: warn and call), enforcing (Oops). */
public enum CfiMode {
    OFF, PERMISSIVE, ENFORCING;

    public boolean enabled() {
        return this != OFF;
    }
}
