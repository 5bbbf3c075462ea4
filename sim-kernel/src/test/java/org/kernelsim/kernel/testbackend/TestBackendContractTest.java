package org.kernelsim.kernel.testbackend;

import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.testing.StaticCallBackendContract;

/** The shared contract, run on the kernel's test backend through sim-kernel's KernelHarness. */
class TestBackendContractTest extends StaticCallBackendContract {

    @Override
    protected StaticCallBackend backend() {
        return new TestBackend();
    }
}
