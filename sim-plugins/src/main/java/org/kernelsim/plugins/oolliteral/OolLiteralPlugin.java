package org.kernelsim.plugins.oolliteral;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.StaticCallBackend;

/** {@code ool-literal}: the mainline (April 2026) arm64 trampoline; see {@link OolLiteralBackend}. */
public final class OolLiteralPlugin implements BackendPlugin {

    @Override
    public String name() {
        return "ool-literal";
    }

    @Override
    public String description() {
        return "mainline arm64 (Apr 2026): bti c; adrp+ldr x16 from a .rodata literal; br x16; an update is one literal write";
    }

    @Override
    public Module module(Record options) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(new OolLiteralBackend());
            }
        };
    }
}
