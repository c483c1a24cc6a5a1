package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMClass;
import org.metricshub.wbem.javax.cim.CIMClassProperty;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.CIMQualifier;
import org.metricshub.wbem.javax.cim.UnsignedInteger32;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.EnumerateResponse;
import org.metricshub.wbem.javax.wbem.client.PasswordCredential;
import org.metricshub.wbem.javax.wbem.client.UserPrincipal;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;
import org.metricshub.wbem.javax.wbem.client.WBEMClientFactory;

/**
 * The JSR48 CIM client ({@code org.metricshub:wbem-java}, a maintained fork of SBLIM's) driven
 * in-process against /cimom. JSR48 sends no credentials until it gets a 401 with a Basic challenge
 * (P9), spells the header {@code Content-type} and sends {@code CIMObject: root/cimv2} unencoded
 * (P10): every call here succeeding proves the server copes with all three.
 */
class Jsr48InteropTest {
    private static final String NS = "root/cimv2";
    private static DaemonFixture fx;
    private WBEMClient client;

    @BeforeAll
    static void start() throws Exception {
        // also set by surefire; set here so a run from an IDE works too
        System.setProperty("sblim.wbem.sslClientPeerVerification", "ignore");
        fx = new DaemonFixture(6);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        client = connect(DaemonFixture.PASSWORD);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static WBEMClient connect(String password) throws WBEMException {
        WBEMClient c = WBEMClientFactory.getClient("CIM-XML");
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("root"));
        subject.getPrivateCredentials().add(new PasswordCredential(password.toCharArray()));
        c.initialize(new CIMObjectPath("https", "127.0.0.1", Integer.toString(fx.port()), null, null, null), subject,
                new Locale[] {Locale.US});
        return c;
    }

    private static CIMObjectPath classPath(String className) {
        return new CIMObjectPath(null, null, null, NS, className, null);
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws WBEMException {
        List<T> out = new ArrayList<>();
        try {
            while (it.hasNext()) {
                out.add(it.next());
            }
            WBEMException failure = it.getWBEMException();
            if (failure != null) {
                throw failure;
            }
        } finally {
            it.close();
        }
        return out;
    }

    private static String key(CIMObjectPath p, String name) {
        CIMProperty<?> k = p.getKey(name);
        return k == null ? null : String.valueOf(k.getValue());
    }

    private static String prop(CIMInstance i, String name) {
        Object v = i.getPropertyValue(name);
        return v == null ? null : v.toString();
    }

    private static CIMObjectPath vmPath(String uuid) {
        return new CIMObjectPath(null, null, null, NS, "Xen_ComputerSystem", new CIMProperty<?>[] {
            new CIMProperty<>("CreationClassName", CIMDataType.STRING_T,
                    "Xen_ComputerSystem", true, false, null),
            new CIMProperty<>("Name", CIMDataType.STRING_T, uuid, true, false, null)});
    }

    @Test
    void enumerateInstanceNamesOfVms() throws Exception {
        List<CIMObjectPath> names = drain(client.enumerateInstanceNames(classPath("Xen_ComputerSystem")));
        Set<String> got = new TreeSet<>();
        for (CIMObjectPath p : names) {
            assertEquals("Xen_ComputerSystem", p.getObjectName(), p.toString());
            assertEquals("Xen_ComputerSystem", key(p, "CreationClassName"), p.toString());
            got.add(key(p, "Name"));
        }
        assertEquals(new TreeSet<>(fx.systemVmUuids()), got);
    }

    @Test
    void enumerateInstancesOfVmsCarriesNamesFromThePool() throws Exception {
        List<CIMInstance> vms = drain(client.enumerateInstances(classPath("Xen_ComputerSystem"), true, false, false, null));
        assertEquals(fx.systemVmUuids().size(), vms.size());
        for (CIMInstance i : vms) {
            String uuid = prop(i, "Name");
            assertTrue(fx.systemVmUuids().contains(uuid), uuid);
            assertEquals(fx.sim().vmRecord(uuid).get("name_label"), prop(i, "ElementName"), uuid);
            assertNotNull(i.getPropertyValue("EnabledState"), "EnabledState of " + uuid);
        }
    }

    @Test
    void enumerateInstancesOfHosts() throws Exception {
        List<CIMInstance> hosts = drain(client.enumerateInstances(classPath("Xen_HostComputerSystem"), true, false, false,
                null));
        Set<String> labels = new TreeSet<>();
        for (String h : fx.sim().hostUuids()) {
            labels.add((String) fx.sim().hostRecord(h).get("name_label"));
        }
        Set<String> got = new TreeSet<>();
        hosts.forEach(i -> got.add(prop(i, "ElementName")));
        assertEquals(labels, got);
        List<CIMObjectPath> names = drain(client.enumerateInstanceNames(classPath("Xen_HostComputerSystem")));
        assertEquals(fx.sim().hostUuids().size(), names.size());
        CIMInstance one = client.getInstance(names.get(0), false, false, null);
        assertEquals(key(names.get(0), "Name"), prop(one, "Name"));
    }

    @Test
    void getInstanceOfAVm() throws Exception {
        String uuid = fx.systemVmUuids().get(2);
        CIMInstance i = client.getInstance(vmPath(uuid), false, false, null);
        assertEquals(uuid, prop(i, "Name"));
        assertEquals(fx.sim().vmRecord(uuid).get("name_label"), prop(i, "ElementName"));
    }

    /** DSP0200 §5.3.2.2: with a PropertyList, the instance holds no element for a property not listed. */
    @Test
    void getInstanceWithPropertyListOmitsUnlistedProperties() throws Exception {
        String uuid = fx.systemVmUuids().get(3);
        CIMInstance only = client.getInstance(vmPath(uuid), false, false, new String[] {"ElementName"});
        assertEquals(fx.sim().vmRecord(uuid).get("name_label"), prop(only, "ElementName"));
        assertEquals(null, only.getProperty("EnabledState"), "EnabledState was not asked for, yet it is in the answer");
    }

    @Test
    void execQueryWqlWithWhere() throws Exception {
        String uuid = fx.systemVmUuids().get(1);
        List<CIMInstance> hits = drain(client.execQuery(new CIMObjectPath(null, null, null, NS, null, null),
                "SELECT * FROM Xen_ComputerSystem WHERE Name = '" + uuid + "'", "WQL"));
        assertEquals(1, hits.size(), hits.toString());
        assertEquals(uuid, prop(hits.get(0), "Name"));
        String label = (String) fx.sim().vmRecord(uuid).get("name_label");
        List<CIMInstance> byLabel = drain(client.execQuery(new CIMObjectPath(null, null, null, NS, null, null),
                "SELECT Name, ElementName FROM Xen_ComputerSystem WHERE ElementName = '" + label + "'", "WQL"));
        assertTrue(byLabel.stream().anyMatch(i -> uuid.equals(prop(i, "Name"))), byLabel.toString());
    }

    @Test
    void getClassWithQualifiers() throws Exception {
        CIMClass c = client.getClass(classPath("Xen_ComputerSystem"), false, true, false, null);
        assertEquals("Xen_ComputerSystem", c.getName());
        assertNotNull(c.getSuperClassName(), "Xen_ComputerSystem has a superclass");
        assertTrue(c.getQualifierCount() > 0, "class qualifiers are returned");
        CIMClassProperty<?> name = c.getProperty("Name");
        assertNotNull(name, "the class declares Name");
        assertTrue(name.isKey(), "Name is a key");
        boolean keyQualifier = false;
        for (CIMQualifier<?> q : name.getQualifiers()) {
            keyQualifier |= q.getName().equalsIgnoreCase("Key");
        }
        assertTrue(keyQualifier, "Name carries the Key qualifier");
        assertTrue(c.getMethodCount() > 0, "methods (RequestStateChange, ...) are declared");
    }

    /** Class and every key binding, sorted: what names one instance. */
    private static String identity(CIMObjectPath p) {
        java.util.TreeMap<String, String> keys = new java.util.TreeMap<>();
        for (org.metricshub.wbem.javax.cim.CIMProperty<?> k : p.getKeys()) {
            keys.put(k.getName(), String.valueOf(k.getValue()));
        }
        return p.getObjectName() + keys;
    }

    @Test
    void associatorsWhenAnAssociationHasInstances() throws Exception {
        List<CIMObjectPath> sources = new ArrayList<>();
        sources.add(vmPath(fx.systemVmUuids().get(0)));
        sources.addAll(drain(client.enumerateInstanceNames(classPath("Xen_HostComputerSystem"))));
        for (CIMObjectPath source : sources) {
            List<CIMObjectPath> names = drain(client.associatorNames(source, null, null, null, null));
            if (!names.isEmpty()) {
                List<CIMInstance> instances = drain(client.associatorInstances(source, null, null, null, null, false, null));
                Set<String> a = new HashSet<>();
                names.forEach(p -> a.add(identity(p)));
                Set<String> b = new HashSet<>();
                instances.forEach(i -> b.add(identity(i.getObjectPath())));
                assertEquals(a, b, "AssociatorNames and Associators name the same objects");
                assertFalse(drain(client.referenceNames(source, null, null)).isEmpty(), "References exist too");
                return;
            }
        }
        abort("no association class has instances yet (only Xen_ComputerSystem and Xen_HostComputerSystem are "
                + "served): Associators answered empty for a VM and every host");
    }

    @Test
    void wrongPasswordIsAWbemException() {
        WBEMException e = assertThrows(WBEMException.class, () -> {
            WBEMClient wrong = connect("wrong-password");
            try {
                drain(wrong.enumerateInstanceNames(classPath("Xen_ComputerSystem")));
            } finally {
                wrong.close();
            }
        });
        assertEquals(WBEMException.CIM_ERR_ACCESS_DENIED, e.getID(), e.toString());
    }

    @Test
    void missingInstanceIsNotFound() {
        WBEMException e = assertThrows(WBEMException.class,
                () -> client.getInstance(vmPath("no-such-vm"), false, false, null));
        assertEquals(WBEMException.CIM_ERR_NOT_FOUND, e.getID(), e.toString());
    }

    /**
     * OpenEnumerateInstances + PullInstancesWithPath (DSP0200 1.4). Until the server implements the
     * pull operations it must answer exactly CIM_ERR_NOT_SUPPORTED; once it does, the pages must add
     * up to every VM.
     */
    @Test
    void pullOperationsAreSupportedOrRefusedCleanly() throws Exception {
        EnumerateResponse<CIMInstance> first;
        try {
            first = client.enumerateInstances(classPath("Xen_ComputerSystem"), true, false, null, null, null,
                    new UnsignedInteger32(30), false, new UnsignedInteger32(2));
        } catch (WBEMException e) {
            assertEquals(WBEMException.CIM_ERR_NOT_SUPPORTED, e.getID(), "pull operations refused with: " + e);
            System.out.println("JSR48 OpenEnumerateInstances: CIM_ERR_NOT_SUPPORTED (the server refused the pull operations)");
            return;
        }
        Set<String> got = new TreeSet<>();
        drain(first.getResponses()).forEach(i -> got.add(prop(i, "Name")));
        String context = first.getContext();
        boolean end = first.isEnd();
        int pulls = 0;
        while (!end) {
            assertTrue(++pulls <= fx.systemVmUuids().size(), "the enumeration ends");
            EnumerateResponse<CIMInstance> page = client.getInstancesWithPath(classPath("Xen_ComputerSystem"), context,
                    new UnsignedInteger32(2));
            drain(page.getResponses()).forEach(i -> got.add(prop(i, "Name")));
            context = page.getContext();
            end = page.isEnd();
        }
        assertEquals(new TreeSet<>(fx.systemVmUuids()), got);
    }
}
