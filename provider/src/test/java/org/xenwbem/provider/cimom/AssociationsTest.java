package org.xenwbem.provider.cimom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.xenwbem.provider.cimom.TestProviders.instances;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.MofCompiler;

/** Associators / References over a small schema: roles, result class, subclass-typed references. */
public class AssociationsTest {
    public static final String MOF = """
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
            Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride, ToSubclass);
            class T_Host { [Key] string Name; string Label; };
            class T_Vm { [Key] string Name; };
            class T_SpecialVm : T_Vm { };
            [Association] class T_Hosted { [Key] T_Host REF Antecedent; [Key] T_Vm REF Dependent; };
            [Association] class T_Peer { [Key] T_Vm REF Left; [Key] T_Vm REF Right; };
            [Association] class T_BackupHost : T_Hosted { };
            """;
    private CimOperations ops;
    private ClassRepository repo;
    private final RequestContext ctx = RequestContext.internal("t");

    /** The fixture's operations, for protocol tests in other packages. */
    public static CimOperations fixture() {
        AssociationsTest t = new AssociationsTest();
        t.setUp();
        return t.ops;
    }

    @BeforeEach
    void setUp() {
        repo = MofCompiler.compile(MOF, "test.mof");
        List<CimInstance> hosts = List.of(inst("T_Host", "h1"), inst("T_Host", "h2"));
        List<CimInstance> vms = List.of(inst("T_Vm", "v1"), inst("T_Vm", "v2"));
        List<CimInstance> special = List.of(inst("T_SpecialVm", "s1"));
        List<CimInstance> hosted = new ArrayList<>();
        hosted.add(assoc("T_Hosted", "Antecedent", path("T_Host", "h1"), "Dependent", path("T_Vm", "v1")));
        hosted.add(assoc("T_Hosted", "Antecedent", path("T_Host", "h1"), "Dependent", path("T_SpecialVm", "s1")));
        hosted.add(assoc("T_Hosted", "Antecedent", path("T_Host", "h2"), "Dependent", path("T_Vm", "v2")));
        List<CimInstance> peers = List.of(assoc("T_Peer", "Left", path("T_Vm", "v1"), "Right", path("T_Vm", "v2")));
        List<CimInstance> backups = List.of(assoc("T_BackupHost", "Antecedent", path("T_Host", "h2"), "Dependent",
                path("T_SpecialVm", "s1")));
        ops = CimOperations.builder().namespace("root/cimv2", repo)
                .provider("root/cimv2", instances("T_BackupHost", backups)).provider("root/cimv2", instances("T_Host", hosts))
                .provider("root/cimv2", instances("T_Vm", vms)).provider("root/cimv2", instances("T_SpecialVm", special))
                .provider("root/cimv2", instances("T_Hosted", hosted)).provider("root/cimv2", instances("T_Peer", peers))
                .build();
    }

    private CimInstance inst(String cls, String name) {
        return CimInstance.builder(repo.get(cls)).namespace("root/cimv2").set("Name", name).build();
    }

    private static CimObjectPath path(String cls, String name) {
        return new CimObjectPath("root/cimv2", cls, Map.of("Name", name));
    }

    private CimInstance assoc(String cls, String r1, CimObjectPath p1, String r2, CimObjectPath p2) {
        return CimInstance.builder(repo.get(cls)).namespace("root/cimv2").set(r1, p1).set(r2, p2).build();
    }

    private static List<String> names(List<CimInstance> l) {
        return l.stream().map(i -> String.valueOf(i.get("Name"))).toList();
    }

    @Test
    void associatorsOfAHostIncludeSubclassInstances() throws CimException {
        assertEquals(List.of("v1", "s1"), names(ops.associators(ctx, path("T_Host", "h1"), null, null, null, null)));
        assertEquals(List.of("s1"), names(ops.associators(ctx, path("T_Host", "h1"), null, "T_SpecialVm", null, null)));
    }

    @Test
    void associationSubclassesTakePartWithoutNamingThem() throws CimException {
        assertEquals(List.of("v2", "s1"), names(ops.associators(ctx, path("T_Host", "h2"), null, null, null, null)));
        assertEquals(List.of("s1"), names(ops.associators(ctx, path("T_Host", "h2"), "T_BackupHost", null, null, null)));
    }

    @Test
    void rolesSelectTheDirection() throws CimException {
        assertEquals(List.of("h1"), names(ops.associators(ctx, path("T_Vm", "v1"), "T_Hosted", null, "Dependent", "Antecedent")));
        assertEquals(List.of(), names(ops.associators(ctx, path("T_Vm", "v1"), "T_Hosted", null, "Antecedent", null)));
        assertEquals(List.of("v2"), names(ops.associators(ctx, path("T_Vm", "v1"), "T_Peer", null, "Left", null)));
        assertEquals(List.of(), names(ops.associators(ctx, path("T_Vm", "v1"), "T_Peer", null, "Right", null)));
    }

    @Test
    void referencesReturnAssociationInstances() throws CimException {
        List<CimInstance> refs = ops.references(ctx, path("T_Vm", "v1"), null, null);
        assertEquals(List.of("T_Hosted", "T_Peer"), refs.stream().map(CimInstance::className).sorted().toList());
        assertEquals(1, ops.references(ctx, path("T_Vm", "v1"), "T_Peer", null).size());
    }

    @Test
    void aPathMayNameTheSourceBySuperclass() throws CimException {
        assertEquals(List.of("h1", "h2"), names(ops.associators(ctx, path("T_SpecialVm", "s1"), null, "T_Host", null, null)));
    }

    @Test
    void badInputs() {
        assertEquals(CimStatus.NOT_FOUND, assertThrows(CimException.class,
                () -> ops.associators(ctx, path("T_Host", "zz"), null, null, null, null)).status());
        assertEquals(CimStatus.INVALID_PARAMETER, assertThrows(CimException.class,
                () -> ops.associators(ctx, path("T_Host", "h1"), "T_Vm", null, null, null)).status());
    }
}
