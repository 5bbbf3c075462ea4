package org.kernelsim.plugins.cfiret0;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.StaticCallBackend;

/** {@code cfi-ret0}: generic plus kCFI-typed per-key return-0 stubs; see {@link CfiRet0Backend}. */
public final class CfiRet0Plugin implements BackendPlugin {

    @Override
    public String name() {
        return "cfi-ret0";
    }

    @Override
    public String description() {
        return "generic plus a kCFI-typed return-0 stub per key (__SCR__name), stored for RET0 and mapped back by query";
    }

    @Override
    public Module module(Record options) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(new CfiRet0Backend());
            }
        };
    }
}
