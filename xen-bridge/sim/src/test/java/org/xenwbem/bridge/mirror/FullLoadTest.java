package org.xenwbem.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The streamed full load (one class after the other, each record mapped as it arrives, refs to classes
 * not loaded yet completed at the end) gives exactly the snapshot of the two-pass load that holds every
 * class's records at once and learns every ref first, over XML-RPC and JSON-RPC alike.
 */
class FullLoadTest {
    private static final String VM_A = "OpaqueRef:0000000a-0000-4000-8000-000000000001";
    private static final String VM_B = "OpaqueRef:0000000a-0000-4000-8000-000000000002";
    private static final String VBD_A = "OpaqueRef:0000000b-0000-4000-8000-000000000001";
    private static final String VBD_GONE = "OpaqueRef:0000000b-0000-4000-8000-0000000000ff";
    private static final String TASK = "OpaqueRef:0000000c-0000-4000-8000-000000000001";
    private SimulatedPool pool;
    private URI url;

    @BeforeEach
    void start() {
        pool = SimulatedPool.builder().hosts(3).vms(12).disksPerVm(2).nicsPerVm(2).seed(5).rootPassword("pw").build();
        url = pool.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    /** Every class's records as the wire gives them, all at once (the way the mirror used to load). */
    private Map<MirrorClass, Map<String, Object>> wholeAnswers() throws Exception {
        XenApiSession s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10))
                .login("root", "pw".toCharArray(), "test");
        Map<MirrorClass, Map<String, Object>> all = new EnumMap<>(MirrorClass.class);
        for (MirrorClass c : MirrorClass.values()) {
            all.put(c, Fields.struct(s.call(c.wireClass() + ".get_all_records")));
        }
        s.logout();
        return all;
    }

    private static MirrorSnapshot twoPass(Map<MirrorClass, Map<String, Object>> all) {
        SnapshotBuilder b = new SnapshotBuilder(MirrorSnapshot.EMPTY, new MirrorState());
        all.values().forEach(records -> records.forEach((ref, rec) -> b.learn(ref, Fields.struct(rec))));
        all.forEach((c, records) -> records.forEach((ref, rec) -> b.apply(c, "add", ref, Fields.struct(rec))));
        return b.build(1);
    }

    private static void assertSameRecords(MirrorSnapshot expected, MirrorSnapshot actual) {
        for (MirrorClass c : MirrorClass.values()) {
            List<Object> want = new ArrayList<>(expected.tables()[c.ordinal()].all());
            List<Object> got = new ArrayList<>(actual.tables()[c.ordinal()].all());
            assertEquals(want, got, c.wireClass());
        }
        assertEquals(expected.tables()[MirrorClass.VBD.ordinal()].indexForTest(),
                actual.tables()[MirrorClass.VBD.ordinal()].indexForTest(), "VBDs by VM");
    }

    @Test
    void classByClassGivesTheSnapshotOfTheTwoPassLoad() throws Exception {
        Map<MirrorClass, Map<String, Object>> all = wholeAnswers();
        SnapshotBuilder b = load(all, new MirrorState(), MirrorSnapshot.EMPTY, null);
        int completed = b.resolveForwardRefs();
        assertTrue(completed > 12, "VBDs name their VMs, loaded after them: " + completed);
        assertSameRecords(twoPass(all), b.build(1));
    }

    private static SnapshotBuilder load(Map<MirrorClass, Map<String, Object>> all, MirrorState into,
                                        MirrorSnapshot previous, RefIndex hints) {
        SnapshotBuilder b = SnapshotBuilder.fullLoad(into, previous, hints);
        for (MirrorClass c : MirrorClass.LOAD_ORDER) {
            b.startClass(c);
            all.get(c).forEach((ref, rec) -> b.apply(c, "add", ref, Fields.struct(rec)));
        }
        return b;
    }

    /**
     * A reload (resync) takes refs of classes still to come from the previous state: nothing waits to be
     * completed and every unchanged record is the previous one. A guess gone wrong (a VM deleted, its
     * VBD still naming it) is reported, and the load without guesses gives the right snapshot.
     */
    @Test
    void aReloadGuessesRefsFromThePreviousStateAndNoticesAWrongGuess() throws Exception {
        Map<MirrorClass, Map<String, Object>> all = wholeAnswers();
        MirrorState first = new MirrorState();
        SnapshotBuilder b1 = load(all, first, MirrorSnapshot.EMPTY, null);
        b1.resolveForwardRefs();
        MirrorSnapshot before = b1.build(1);

        SnapshotBuilder b2 = load(wholeAnswers(), new MirrorState(), before, first.refs);
        assertTrue(b2.guessesHeld());
        assertEquals(0, b2.resolveForwardRefs(), "every ref to a class still to come was guessed");
        MirrorSnapshot after = b2.build(2);
        assertSameRecords(before, after);
        for (MirrorClass c : MirrorClass.values()) {
            List<Object> a = new ArrayList<>(before.tables()[c.ordinal()].all());
            List<Object> b = new ArrayList<>(after.tables()[c.ordinal()].all());
            for (int i = 0; i < a.size(); i++) {
                assertTrue(a.get(i) == b.get(i), c.wireClass() + " record not shared: " + b.get(i));
            }
        }

        Map<MirrorClass, Map<String, Object>> vmGone = wholeAnswers();
        String gone = vmGone.get(MirrorClass.VBD).values().stream().map(r -> Fields.str(Fields.struct(r), "VM"))
                .findFirst().orElseThrow();
        vmGone.get(MirrorClass.VM).remove(gone);
        SnapshotBuilder b3 = load(vmGone, new MirrorState(), before, first.refs);
        assertTrue(!b3.guessesHeld(), "the VBD's VM was guessed from the previous state, and is gone");
        SnapshotBuilder b4 = load(vmGone, new MirrorState(), before, null);
        b4.resolveForwardRefs();
        assertSameRecords(twoPass(vmGone), b4.build(3));
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void theMirrorsStreamedSyncGivesTheSameSnapshot(XenApiProtocol protocol) throws Exception {
        Map<MirrorClass, Map<String, Object>> all = wholeAnswers();
        XapiPoolMirror mirror = new XapiPoolMirror(XenApiConnection.create(url, Duration.ofSeconds(2),
                Duration.ofSeconds(10), protocol), "root", "pw".toCharArray());
        try {
            mirror.start();
            assertTrue(mirror.awaitInitialSync(Duration.ofSeconds(10)));
            assertSameRecords(twoPass(all), (MirrorSnapshot) mirror.current());
        } finally {
            mirror.close();
        }
    }

    private static Map<String, Object> wire(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Refs to objects that never come read as "" or are left out; a user's text that looks like a ref stays. */
    @Test
    void refsThatNeverResolveAreDroppedAndLookalikeTextIsKept() {
        SnapshotBuilder b = SnapshotBuilder.fullLoad(new MirrorState(), MirrorSnapshot.EMPTY, null);
        b.apply(MirrorClass.VM, "add", VM_A, wire("uuid", "vm-a", "name_label", VBD_A, "snapshot_of", VM_B,
                "VBDs", List.of(VBD_GONE, VBD_A), "current_operations", Map.of(TASK, "clean_shutdown"),
                "suspend_VDI", "OpaqueRef:NULL"));
        b.apply(MirrorClass.VBD, "add", VBD_A, wire("uuid", "vbd-a", "VM", VM_A, "VDI", VM_B, "userdevice", "0"));
        b.apply(MirrorClass.TASK, "add", TASK, wire("uuid", "task-1", "status", "pending"));
        assertEquals(2, b.resolveForwardRefs(), "the VM (VBDs, task) and nothing else waited");
        MirrorSnapshot s = b.build(1);
        VmRecord vm = (VmRecord) s.tables()[MirrorClass.VM.ordinal()].get("vm-a");
        assertEquals(VBD_A, vm.nameLabel(), "a name that looks like a ref is a name");
        assertEquals(List.of("vbd-a"), vm.vbdUuids());
        assertEquals("", vm.snapshotOfUuid(), "a VM that never came");
        assertEquals("", vm.suspendVdiUuid());
        assertEquals(Map.of("task-1", "clean_shutdown"), vm.currentOperations());
        VbdRecord vbd = (VbdRecord) s.tables()[MirrorClass.VBD.ordinal()].get("vbd-a");
        assertEquals("vm-a", vbd.vmUuid());
        assertEquals("", vbd.vdiUuid());
        assertEquals(Map.of("vm-a", List.of("vbd-a")), s.tables()[MirrorClass.VBD.ordinal()].indexForTest());
    }

    /** xapi's file and LVM VDIs are located by their UUID: the record holds that string once. */
    @Test
    void aVdiLocatedByItsUuidHoldsTheStringOnce() {
        SnapshotBuilder b = SnapshotBuilder.fullLoad(new MirrorState(), MirrorSnapshot.EMPTY, null);
        b.apply(MirrorClass.VDI, "add", VBD_A, wire("uuid", "0f1e", "location", new String("0f1e")));
        b.apply(MirrorClass.VDI, "add", VBD_GONE, wire("uuid", "0f1f", "location", "/srv/iso/a.iso"));
        Table<?> vdis = b.build(1).tables()[MirrorClass.VDI.ordinal()];
        org.xenwbem.bridge.VdiRecord byUuid = (org.xenwbem.bridge.VdiRecord) vdis.get("0f1e");
        assertTrue(byUuid.location() == byUuid.uuid(), "one string");
        assertEquals("/srv/iso/a.iso", ((org.xenwbem.bridge.VdiRecord) vdis.get("0f1f")).location());
    }
}
