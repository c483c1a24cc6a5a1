package org.xenwbem.bridge.contract;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.sim.SimulatedPool;

/** The bridge contract against the simulator, over XML-RPC and JSON-RPC. */
class SimContractTest {
    /** One simulated pool per protocol. */
    abstract static class OnSimulator extends BridgeContract {
        private SimulatedPool pool;

        abstract XenApiProtocol protocol();

        @Override
        Target open() {
            pool = SimulatedPool.builder().hosts(2).vms(6).seed(21).rootPassword("pw").build();
            URI url = pool.start("127.0.0.1", 0);
            pool.state().addVm("contract-test-vm", PowerState.Halted);
            return new Target(url, "root", "pw".toCharArray(), protocol(), "contract-test-vm");
        }

        @Override
        void release() {
            pool.close();
        }
    }

    @Nested
    class OverXmlRpc extends OnSimulator {
        @Override
        XenApiProtocol protocol() {
            return XenApiProtocol.XML_RPC;
        }
    }

    @Nested
    class OverJsonRpc extends OnSimulator {
        @Override
        XenApiProtocol protocol() {
            return XenApiProtocol.JSON_RPC;
        }
    }
}
