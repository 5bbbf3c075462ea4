package com.example.oolcbz;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.StaticCallBackend;

/** Names the backend for configs and {@code ./sim backends}, and binds it for each simulated machine. */
public final class OolCbzPlugin implements BackendPlugin {

    @Override
    public String name() {
        return "ool-cbz";
    }

    @Override
    public String description() {
        return "example: Ard's 2020 v3 trampoline, ool-literal plus cbz x16 so a NULL literal returns";
    }

    @Override
    public Module module(Record options) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(StaticCallBackend.class).toInstance(new OolCbzBackend());
            }
        };
    }
}
