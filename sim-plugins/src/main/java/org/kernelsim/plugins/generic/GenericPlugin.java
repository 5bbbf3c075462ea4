package org.kernelsim.plugins.generic;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.StaticCallBackend;

/** {@code generic}: no HAVE_STATIC_CALL; see {@link GenericBackend}. */
public final class GenericPlugin implements BackendPlugin {

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public String description() {
        return "no HAVE_STATIC_CALL: sites load key->func and BLR (kCFI-checked when kCFI is on); updates store the pointer";
    }

    @Override
    public Module module(Record options) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(new GenericBackend());
            }
        };
    }
}
