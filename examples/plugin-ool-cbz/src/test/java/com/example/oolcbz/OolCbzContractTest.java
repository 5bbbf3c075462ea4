package com.example.oolcbz;

import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.staticcall.testing.BackendPluginContract;

/** The same contract suite the built-in backends pass, run against this plugin. */
class OolCbzContractTest extends BackendPluginContract {

    @Override
    protected BackendPlugin plugin() {
        return new OolCbzPlugin();
    }
}
