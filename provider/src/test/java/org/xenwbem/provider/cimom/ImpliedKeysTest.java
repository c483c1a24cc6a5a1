package org.xenwbem.provider.cimom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.cimom.TestProviders.instances;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.MofCompiler;

/**
 * Paths that leave out keys the class determines: CreationClassName of the one served class, a
 * propagated key every instance shares. Any other missing key is MISSING_KEYS, also where the keys
 * given happen to match one instance only.
 */
class ImpliedKeysTest {
    private static final String MOF = """
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
            Qualifier Propagated : string = null, Scope(property), Flavor(DisableOverride, ToSubclass);
            Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);
            class T_System { [Key] string CreationClassName; [Key] string Name; uint32 Reset(); };
            class T_Box : T_System { };
            class T_Other : T_System { };
            class T_Device {
                [Key, Propagated("T_System.CreationClassName")] string SystemCreationClassName;
                [Key, Propagated("T_System.Name")] string SystemName;
                [Key] string CreationClassName;
                [Key] string DeviceID;
            };
            class T_Disk : T_Device { };
            """;
    private static final String NS = "root/cimv2";
    private static final RequestContext CTX = RequestContext.internal("t");
    private final ClassRepository repo = MofCompiler.compile(MOF, "t.mof");
    private final AtomicReference<CimObjectPath> invoked = new AtomicReference<>();

    private CimInstance inst(String cls, String... kv) {
        CimInstance.Builder b = CimInstance.builder(repo.get(cls)).namespace(NS);
        for (int i = 0; i < kv.length; i += 2) {
            b.set(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    private static CimObjectPath path(String cls, String... kv) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            keys.put(kv[i], kv[i + 1]);
        }
        return new CimObjectPath(NS, cls, keys);
    }

    /** Boxes b1, b2 and one other system; disks: d0 on each box, so DeviceID d0 alone matches two. */
    private CimOperations ops(List<CimInstance> disks) {
        return CimOperations.builder().namespace(NS, repo)
                .provider(NS, instances("T_Box", List.of(inst("T_Box", "CreationClassName", "T_Box", "Name", "b1"),
                        inst("T_Box", "CreationClassName", "T_Box", "Name", "b2"))))
                .provider(NS, instances("T_Other", List.of(inst("T_Other", "CreationClassName", "T_Other", "Name", "o1"))))
                .provider(NS, instances("T_Disk", disks))
                .methods(NS, TestProviders.methods("T_System", (ctx, target, m, in) -> {
                    invoked.set(target);
                    return MethodResult.of(0L);
                }))
                .build();
    }

    private CimInstance disk(String box, String id) {
        return inst("T_Disk", "SystemCreationClassName", "T_Box", "SystemName", box, "CreationClassName", "T_Disk",
                "DeviceID", id);
    }

    private CimOperations twoDisks() {
        return ops(List.of(disk("b1", "d0"), disk("b2", "d0")));
    }

    private static void assertMissing(String key, CimOperations ops, CimObjectPath p) {
        CimException e = assertThrows(CimException.class, () -> ops.getInstance(CTX, p));
        assertEquals(CimException.Detail.MISSING_KEYS, e.detail(), e.getMessage());
        assertTrue(e.getMessage().contains("needs key " + key), e.getMessage());
    }

    @Test
    void creationClassNameOfTheOneServedClassIsImplied() throws CimException {
        CimInstance b = twoDisks().getInstance(CTX, path("T_Box", "Name", "b2"));
        assertEquals(path("T_Box", "CreationClassName", "T_Box", "Name", "b2"), b.path());
    }

    @Test
    void aParentWithSeveralServedClassesDoesNotImplyIt() {
        assertMissing("CreationClassName", twoDisks(), path("T_System", "Name", "b1"));
    }

    @Test
    void aPropagatedKeyThatDiffersIsNotImpliedEvenWhereTheOtherKeysMatchTwice() {
        CimOperations ops = twoDisks();
        assertMissing("SystemName", ops, path("T_Disk", "DeviceID", "d0"));
        assertMissing("SystemName", ops, path("T_Disk", "SystemCreationClassName", "T_Box", "CreationClassName", "T_Disk",
                "DeviceID", "d0"));
    }

    @Test
    void aPropagatedKeyEveryInstanceSharesIsImplied() throws CimException {
        CimOperations ops = twoDisks();
        CimInstance d = ops.getInstance(CTX, path("T_Disk", "SystemName", "b2", "DeviceID", "d0"));
        assertEquals("b2", d.get("SystemName"));
        CimOperations single = ops(List.of(disk("b1", "d7")));
        assertEquals("b1", single.getInstance(CTX, path("T_Disk", "DeviceID", "d7")).get("SystemName"));
    }

    @Test
    void aCompletedPathThatNamesNothingIsNotFound() {
        CimException e = assertThrows(CimException.class, () -> twoDisks().getInstance(CTX, path("T_Box", "Name", "zz")));
        assertEquals(CimStatus.NOT_FOUND, e.status());
    }

    @Test
    void noInstancesImplyNothing() {
        assertMissing("SystemCreationClassName", ops(List.of()), path("T_Disk", "DeviceID", "d0"));
    }

    @Test
    void invokeOnANaturalKeyGetsTheFullPath() throws CimException {
        CimOperations ops = twoDisks();
        ops.invokeMethod(CTX, path("T_Box", "Name", "b1"), "Reset", Map.of());
        assertEquals(path("T_Box", "CreationClassName", "T_Box", "Name", "b1"), invoked.get());
        assertEquals(NS, invoked.get().namespace());
        CimException e = assertThrows(CimException.class,
                () -> ops.invokeMethod(CTX, path("T_System", "Name", "b1"), "Reset", Map.of()));
        assertEquals(CimException.Detail.MISSING_KEYS, e.detail());
    }

    @Test
    void invokeOnTheClassStaysAStaticCall() throws CimException {
        twoDisks().invokeMethod(CTX, path("T_Box"), "Reset", Map.of());
        assertTrue(invoked.get().keys().isEmpty(), invoked.get().toString());
    }
}
