package org.kernelsim.plugins.oolbranch;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.StaticCallBackend;

/** {@code ool-branch}: Mark Rutland's 2021 trampoline; see {@link OolBranchBackend}. */
public final class OolBranchPlugin implements BackendPlugin {

    @Override
    public String name() {
        return "ool-branch";
    }

    @Override
    public String description() {
        return "Mark Rutland's 2021 design: bti c; {B func | RET | NOP}; ldr x16, lit; br x16; literal first, then the slot";
    }

    @Override
    public Class<? extends Record> optionsType() {
        return OolBranchOptions.class;
    }

    @Override
    public Module module(Record options) {
        OolBranchOptions o = options == null ? OolBranchOptions.defaults() : (OolBranchOptions) options;
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(new OolBranchBackend(o));
            }
        };
    }
}
