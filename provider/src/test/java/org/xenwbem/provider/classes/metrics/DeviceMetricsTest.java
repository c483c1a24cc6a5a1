package org.xenwbem.provider.classes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.perf.PerfSnapshot;
import org.xenwbem.bridge.perf.RrdSampler;
import org.xenwbem.bridge.perf.ServiceRrdSource;
import org.xenwbem.bridge.rrd.RrdReader;
import org.xenwbem.bridge.rrd.RrdSeries;
import org.xenwbem.bridge.rrd.RrdUpdates;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Disk and NIC metric values served from the RRD sampler over a simulated pool whose hosts serve
 * their own /rrd_updates: each value equals what the host's RRD holds for that row, the instances
 * have the anchor's properties and are associated to their devices and definitions, and reading
 * them makes no XenAPI call.
 */
class DeviceMetricsTest {
    private static final RequestContext RC = RequestContext.internal("test");
    private static final String NS = ProviderContext.NAMESPACE;

    private static SimulatedPool sim;
    private static XenBridge bridge;
    private static RrdSampler sampler;
    private static final AtomicReference<PerfSnapshot> PERF = new AtomicReference<>(PerfSnapshot.EMPTY);
    private static CimOperations ops;
    private static PerfSnapshot sampled;
    private static final Map<String, RrdUpdates> TRUTH = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatedPool.builder().hosts(2).vms(6).disksPerVm(2).nicsPerVm(2).seed(42).rootPassword("pw")
                .memberEndpoints(true).build();
        sim.start("127.0.0.1", 0);
        bridge = XenBridges.connect(new BridgeConfig(sim.url(), "root", "pw".toCharArray(), null, null));
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)), "initial sync");
        sampler = new RrdSampler(() -> bridge.mirror().current(), new ServiceRrdSource(bridge), Duration.ofSeconds(60),
                Clock.systemUTC());
        ClassRepository classes = SchemaLoader.cimv2();
        ProviderContext pc = new ProviderContext(classes, () -> bridge.mirror().current(), "cn.example", () -> "",
                PERF::get);
        CimOperations.Builder b = CimOperations.builder().namespace(NS, classes);
        Catalog.providers(pc).forEach(p -> b.provider(NS, p));
        ops = b.build();
        assertEquals(List.of(), ops.enumerateInstances(RC, NS, "Xen_DiskReadThroughput"), "nothing sampled yet");
        sampled = sampler.sampleOnce();
        PERF.set(sampled);
        XenApiSession session = XenApiConnection.create(sim.url(), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .login("root", "pw".toCharArray(), "reference");
        for (String host : sim.state().hostUuids()) {
            TRUTH.put(host, new RrdReader(session).fetch(Instant.now().minusSeconds(120), Duration.ofSeconds(5), host));
        }
        session.logout();
    }

    @AfterAll
    static void stop() {
        sampler.close();
        bridge.close();
        sim.close();
    }

    @Test
    void everyRunningDiskHasItsFourValuesAsTheHostsRrdHoldsThem() throws CimException {
        PoolSnapshot s = bridge.mirror().current();
        Map<String, String> expected = new HashMap<>();
        for (VmRecord vm : guests(s)) {
            for (VbdRecord vbd : s.vbdsOf(vm.uuid())) {
                if (vbd.type() == VbdRecord.Type.Disk) {
                    expected.put(Ids.device(vm.uuid(), vbd.uuid()), vbd.device());
                }
            }
        }
        assertFalse(expected.isEmpty(), "the pool runs guests with disks");
        for (String[] c : new String[][] {{"Xen_DiskReadThroughput", "_read"}, {"Xen_DiskWriteThroughput", "_write"},
                {"Xen_DiskReadLatency", "_read_latency"}, {"Xen_DiskWriteLatency", "_write_latency"}}) {
            List<CimInstance> values = ops.enumerateInstances(RC, NS, c[0]);
            assertEquals(expected.keySet(), ids(values), c[0]);
            for (CimInstance v : values) {
                String vm = Ids.owner(v.get("InstanceID"));
                String device = expected.get((String) v.get("InstanceID"));
                assertEquals("vbd_" + device + c[1], v.get("Description"));
                assertEquals(device, v.get("ElementName"));
                assertEquals(c[0] + "Def", v.get("MetricDefinitionId"));
                assertEquals("Xen Virtual Disk Metrics", v.get("Caption"));
                assertEquals(s.vm(vm).orElseThrow().nameLabel(), v.get("MeasuredElementName"));
                assertEquals(Boolean.TRUE, v.get("Volatile"));
                assertValueIsTheRrds(v, "vm", vm);
            }
        }
    }

    @Test
    void everyRunningVifAndEveryVisiblePifHasItsThroughput() throws CimException {
        PoolSnapshot s = bridge.mirror().current();
        Set<String> vifs = guests(s).stream().flatMap(vm -> s.vifsOf(vm.uuid()).stream())
                .map(v -> Ids.device(v.vmUuid(), v.uuid())).collect(Collectors.toSet());
        assertFalse(vifs.isEmpty());
        for (String cls : List.of("Xen_NetworkPortReceiveThroughput", "Xen_NetworkPortTransmitThroughput")) {
            List<CimInstance> values = ops.enumerateInstances(RC, NS, cls);
            assertEquals(vifs, ids(values), cls);
            for (CimInstance v : values) {
                VifRecord vif = s.vif(Ids.devicePart(v.get("InstanceID"))).orElseThrow();
                assertEquals("vif_" + vif.device() + (cls.contains("Receive") ? "_rx" : "_tx"), v.get("Description"));
                assertEquals("Xen Virtual Network Port metrics", v.get("Caption"));
                assertValueIsTheRrds(v, "vm", vif.vmUuid());
            }
        }
        Set<String> pifs = HostNetworkPorts.visiblePifs(s).stream().map(p -> Ids.device(p.hostUuid(), p.uuid()))
                .collect(Collectors.toSet());
        for (String cls : List.of("Xen_HostNetworkPortReceiveThroughput", "Xen_HostNetworkPortTransmitThroughput")) {
            List<CimInstance> values = ops.enumerateInstances(RC, NS, cls);
            assertEquals(pifs, ids(values), cls);
            for (CimInstance v : values) {
                PifRecord pif = s.pif(Ids.devicePart(v.get("InstanceID"))).orElseThrow();
                assertEquals("pif_" + pif.device() + (cls.contains("Receive") ? "_rx" : "_tx"), v.get("Description"));
                assertEquals(pif.hostUuid(), v.get("ElementName"));
                assertEquals(s.host(pif.hostUuid()).orElseThrow().nameLabel(), v.get("MeasuredElementName"));
                assertValueIsTheRrds(v, "host", pif.hostUuid());
            }
        }
    }

    @Test
    void valuesAreAssociatedToTheirDevicesAndDefinitions() throws CimException {
        PoolSnapshot s = bridge.mirror().current();
        VmRecord vm = guests(s).stream().filter(v -> !s.vbdsOf(v.uuid()).isEmpty() && !s.vifsOf(v.uuid()).isEmpty())
                .findFirst().orElseThrow();
        VbdRecord vbd = s.vbdsOf(vm.uuid()).stream().filter(b -> b.type() == VbdRecord.Type.Disk).findFirst()
                .orElseThrow();
        List<CimInstance> diskValues = ops.associators(RC, Paths.vmDisk(vbd), "Xen_MetricForDisk", null, null, null);
        assertEquals(Set.of("Xen_DiskReadThroughput", "Xen_DiskWriteThroughput", "Xen_DiskReadLatency",
                "Xen_DiskWriteLatency"), diskValues.stream().map(i -> i.path().className()).collect(Collectors.toSet()));
        CimInstance read = diskValues.stream().filter(i -> i.path().className().equals("Xen_DiskReadThroughput"))
                .findFirst().orElseThrow();
        assertEquals(List.of(Paths.vmDisk(vbd).keys()), ops.associators(RC, read.path(), "Xen_MetricForDisk", null,
                null, null).stream().map(i -> i.path().keys()).toList(), "and back to the disk");
        assertEquals(List.of("Xen_DiskReadThroughputDef"), ops.associators(RC, read.path(), "Xen_MetricInstanceForDisk",
                null, null, null).stream().map(i -> i.get("Id")).toList());
        VifRecord vif = s.vifsOf(vm.uuid()).get(0);
        CimObjectPath port = Paths.vmDevice("Xen_NetworkPort", vm.uuid(), vif.uuid());
        assertEquals(2, ops.associators(RC, port, "Xen_MetricForNetworkPort", null, null, null).size());
        PifRecord pif = HostNetworkPorts.visiblePifs(s).get(0);
        List<CimInstance> hostValues = ops.associators(RC, Paths.hostNetworkPort(pif.hostUuid(), pif.uuid()),
                "Xen_MetricForHostNetworkPort", null, null, null);
        assertEquals(2, hostValues.size());
        assertEquals(1, ops.associators(RC, hostValues.get(0).path(), "Xen_MetricInstanceForNetworkPort", null, null,
                null).size());
    }

    @Test
    void readingValuesMakesNoXenApiCall() throws CimException {
        ops.enumerateInstances(RC, NS, "Xen_DiskWriteLatency");
        long calls = sim.totalCalls() - sim.callCount("event.from");
        long requests = sim.httpRequests("/rrd_updates");
        for (DeviceMetrics.Kind k : DeviceMetrics.Kind.values()) {
            for (CimInstance v : ops.enumerateInstances(RC, NS, k.valueClass)) {
                assertEquals(v, ops.getInstance(RC, v.path()));
            }
        }
        assertEquals(calls, sim.totalCalls() - sim.callCount("event.from"));
        assertEquals(requests, sim.httpRequests("/rrd_updates"));
    }

    @Test
    void theInstancesFollowANewSampleWithoutAPoolChange() throws CimException {
        PERF.set(PerfSnapshot.EMPTY);
        try {
            assertEquals(List.of(), ops.enumerateInstances(RC, NS, "Xen_NetworkPortReceiveThroughput"));
            assertEquals(List.of(), ops.enumerateInstances(RC, NS, "Xen_MetricForNetworkPort"));
        } finally {
            PERF.set(sampled);
        }
        assertFalse(ops.enumerateInstances(RC, NS, "Xen_NetworkPortReceiveThroughput").isEmpty());
        assertFalse(ops.enumerateInstances(RC, NS, "Xen_MetricForNetworkPort").isEmpty());
    }

    private static void assertValueIsTheRrds(CimInstance v, String kind, String uuid) {
        long t = (kind.equals("vm") ? sampled.vm(uuid) : sampled.host(uuid)).orElseThrow().sampledAt().getEpochSecond();
        assertEquals(CimDateTime.of(Instant.ofEpochSecond(t)), v.get("TimeStamp"));
        String host = kind.equals("vm") ? bridge.mirror().current().vm(uuid).orElseThrow().residentOnHostUuid() : uuid;
        RrdSeries series = TRUTH.get(host).series(kind, uuid, (String) v.get("Description")).orElseThrow();
        for (int i = 0; i < series.size(); i++) {
            if (series.timestamp(i) == t) {
                assertEquals(String.format(Locale.ROOT, "%f", series.value(i)), v.get("MetricValue"),
                        v.get("InstanceID") + " " + v.get("Description"));
                return;
            }
        }
        throw new AssertionError("the host's RRD has no row at " + t);
    }

    private static List<VmRecord> guests(PoolSnapshot s) {
        return Paths.systems(s).stream()
                .filter(v -> v.powerState() == PowerState.Running || v.powerState() == PowerState.Paused).toList();
    }

    private static Set<Object> ids(List<CimInstance> values) {
        return values.stream().map(v -> v.get("InstanceID")).collect(Collectors.toSet());
    }
}
