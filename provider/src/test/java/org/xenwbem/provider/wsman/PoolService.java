package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.XapiJobStore;
import org.xenwbem.provider.classes.jobs.JobControl;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.classes.Methods;

/**
 * The WS-Man endpoint over the real providers and methods, as the daemon wires them, on a simulated
 * pool mirrored by a real bridge (jobs are xapi tasks): requests as text, answers as text.
 */
final class PoolService implements AutoCloseable {
    static final String PASSWORD = "pw";
    static final RequestContext ROOT = new RequestContext("root", "pool-admin", "127.0.0.1", "t",
            new Credential("root", PASSWORD.toCharArray()));

    final SimulatedPool pool;
    final SimState sim;
    final XenBridge bridge;
    final JobManager jobs;
    final CimOperations ops;
    final WsmanService service;

    PoolService(int hosts, int vms) throws InterruptedException {
        pool = SimulatedPool.builder().hosts(hosts).vms(vms).seed(7).rootPassword(PASSWORD).build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        bridge = XenBridges.connect(new BridgeConfig(url, "root", PASSWORD.toCharArray(), Duration.ofSeconds(60),
                Duration.ofSeconds(30)));
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)), "initial sync");
        ClassRepository classes = SchemaLoader.cimv2();
        ProviderContext pc = new ProviderContext(classes, () -> bridge.mirror().current(), "xen-test.example",
                () -> bridge.thisHostUuid().orElse(""));
        jobs = new JobManager(new XapiJobStore(bridge), 4, Duration.ofMinutes(5), Clock.systemUTC(),
                () -> bridge.thisHostUuid().orElse(""));
        MethodEnvironment env = new MethodEnvironment(bridge, jobs, () -> bridge.mirror().current(), classes);
        JobControl jobControl = new JobControl(env);
        CimOperations.Builder b = CimOperations.builder().namespace(ProviderContext.NAMESPACE, classes);
        jobControl.deletable(Catalog.providers(pc)).forEach(p -> b.provider(ProviderContext.NAMESPACE, p));
        Methods.all(env, jobControl).forEach(m -> b.methods(ProviderContext.NAMESPACE, m));
        ops = b.build();
        service = new WsmanService(ops, "test", 64, Duration.ofMinutes(1));
    }

    /** Sends {@code xml} as root; the answer's text. */
    String send(String xml) {
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", ROOT, "https://h:5989/wsman", false);
        return new String(r.body(), r.charset());
    }

    /** {@code <w:Selector>}s for name/value pairs. */
    static String selectors(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append("<w:Selector Name=\"").append(kv[i]).append("\">").append(kv[i + 1]).append("</w:Selector>");
        }
        return b.toString();
    }

    String get(String cls, String... kv) {
        return send(WsmanServiceTest.envelope(Ns.ACTION_GET, WsmanServiceTest.P + cls, selectors(kv), null, ""));
    }

    @Override
    public void close() {
        jobs.close();
        bridge.close();
        pool.close();
    }
}
