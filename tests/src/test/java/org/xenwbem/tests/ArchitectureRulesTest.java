package org.xenwbem.tests;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The dependency rules of ARCHITECTURE.md and STYLE.md over the main classes of every module on this
 * module's classpath (cim-schema, xen-bridge, xen-bridge-sim, tls, provider; tests excluded). Each rule
 * is named and says why it holds, so a violation reads as the rule broken and the reason for it.
 * The cycle rules are in {@link PackageCycleRulesTest}.
 */
@AnalyzeClasses(packages = "org.xenwbem", importOptions = {ImportOption.DoNotIncludeTests.class, NoTestJars.class})
class ArchitectureRulesTest {
    private static final String[] WIRE = {"org.xenwbem.provider.wsman..", "org.xenwbem.provider.cimxml.."};

    /** A concrete bridge: the xapi-backed implementations and the factory that picks them. */
    static final DescribedPredicate<JavaClass> CONCRETE_BRIDGE = resideInAPackage("org.xenwbem.bridge..")
            .and(simpleNameStartingWith("Xapi").or(simpleName("XenBridges")).or(simpleName("PoolSimulators")))
            .as("a concrete bridge class (Xapi*, XenBridges, PoolSimulators)");

    static final ArchRule wireCodeNeverReachesTheBridge = noClasses()
            .that().resideInAnyPackage("org.xenwbem.cim..", "org.xenwbem.provider.wsman..",
                    "org.xenwbem.provider.cimxml..", "org.xenwbem.provider.cimom..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xenwbem.bridge..", "com.xensource..")
            .as("wire code and the CIM core never reach the XenAPI bridge")
            .because("cim-schema, wsman, cimxml and cimom are protocol code: they know CIM, never XenAPI "
                    + "(ARCHITECTURE.md, Rules; STYLE.md: the core never imports its adapters)");

    static final ArchRule onlyTheBridgeSpeaksXenApi = noClasses()
            .that().resideOutsideOfPackage("org.xenwbem.bridge..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xenwbem.bridge.xmlrpc..",
                    "org.xenwbem.bridge.jsonrpc..", "org.xenwbem.bridge.client..", "com.xensource..")
            .as("only xen-bridge speaks XenAPI")
            .because("the XenAPI wire protocol and its sessions are mapped once, in xen-bridge; the rest "
                    + "uses its typed ports (ARCHITECTURE.md, Rules)");

    static final ArchRule schemaKnowsNoHttpNorXenApi = noClasses()
            .that().resideInAPackage("org.xenwbem.cim..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "java.net.http..",
                    "jakarta.servlet..", "org.xenwbem.bridge..", "com.xensource..", "org.xenwbem.provider..",
                    "org.xenwbem.tls..")
            .as("cim-schema knows nothing of HTTP, Jetty or XenAPI")
            .because("the CIM metamodel and its encodings are used by every layer and must depend on none "
                    + "(ARCHITECTURE.md: cim-schema may depend on the JDK and JAXB/StAX only)");

    static final ArchRule classesNeverTouchXmlOrJetty = noClasses()
            .that().resideInAnyPackage("org.xenwbem.provider.classes..", "org.xenwbem.provider.methods..",
                    "org.xenwbem.provider.jobs..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xenwbem.cim.xml..", "org.w3c.dom..",
                    "javax.xml..", "org.eclipse.jetty..")
            .as("classes (and its methods and jobs) never touches XML or Jetty")
            .because("a class family maps bridge records to CimInstances and methods to bridge calls; the "
                    + "wire codecs encode them (ARCHITECTURE.md: classes never builds XML)");

    static final ArchRule theSimulatorIsUsedByNoMainClass = noClasses()
            .that().resideOutsideOfPackage("org.xenwbem.bridge.sim..")
            .should().dependOnClassesThat().resideInAPackage("org.xenwbem.bridge.sim..")
            .as("no main class uses the simulator's classes")
            .because("the simulated pool is its own artifact (xen-bridge-sim), absent from the dom0 pack, and "
                    + "is found through xen-bridge's PoolSimulator service (ServiceLoader), never named");

    static final ArchRule onlyServerWiresConcreteBridges = noClasses()
            .that().resideOutsideOfPackages("org.xenwbem.bridge..", "org.xenwbem.provider.server..")
            .should().dependOnClassesThat(CONCRETE_BRIDGE)
            .as("only server wires concrete bridge and simulator classes")
            .because("the rest of the daemon sees the bridge through its interfaces (XenBridge, the ports), "
                    + "so it runs the same on xapi and on the simulated pool (ARCHITECTURE.md, provider row)");

    static final ArchRule internalPackagesAreUsedOnlyByTheirParent = classes()
            .that().resideInAPackage("..internal..")
            .should(ArchitectureConditions.onlyBeUsedFromTheirParentPackage())
            .allowEmptyShould(true)
            .as("internal packages are used only by their parent")
            .because("an internal package is the implementation of its parent's API, not API itself "
                    + "(STYLE.md: internal for what is not API)");

    static final ArchRule wireCodeDoesNotReachTheServer = noClasses()
            .that().resideInAnyPackage(WIRE)
            .should().dependOnClassesThat().resideInAPackage("org.xenwbem.provider.server..")
            .as("wire code (wsman, cimxml) does not depend on server")
            .because("the codecs turn bytes into typed requests and back without knowing Jetty's wiring "
                    + "(STYLE.md: the wire format lives apart from server semantics)");

    static final ArchRule theCoreKnowsNoWireNorServer = noClasses()
            .that().resideInAnyPackage("org.xenwbem.provider.cimom..", "org.xenwbem.provider.classes..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xenwbem.provider.wsman..",
                    "org.xenwbem.provider.cimxml..", "org.xenwbem.provider.server..", "org.eclipse.jetty..")
            .as("the CIM core and the class families know neither wire protocol nor the server")
            .because("cimom is protocol-neutral and classes serve both protocols alike: WS-Man and CIM-XML "
                    + "decode into the core and encode its results (ARCHITECTURE.md, the way a request travels)");

    static final ArchRule theTwoWireCodecsAreIndependent = CompositeArchRule
            .of(noClasses().that().resideInAPackage("org.xenwbem.provider.wsman..")
                    .should().dependOnClassesThat().resideInAPackage("org.xenwbem.provider.cimxml.."))
            .and(noClasses().that().resideInAPackage("org.xenwbem.provider.cimxml..")
                    .should().dependOnClassesThat().resideInAPackage("org.xenwbem.provider.wsman.."))
            .as("the two wire codecs do not use each other")
            .because("each protocol is one codec over the same core (STYLE.md: one codec interface, one "
                    + "implementation per wire version)");

    static final ArchRule noTrustManagerOutsideTls = noClasses()
            .that().resideOutsideOfPackage("org.xenwbem.tls..")
            .should().beAssignableTo(TrustManager.class)
            .as("no trust manager outside the tls module")
            .because("certificate trust is decided by the tls module's policy (TlsPolicy, OutboundTrust); a "
                    + "hand-made X509TrustManager is how trust-all managers slip in");

    static final ArchRule noSslContextOutsideTls = noClasses()
            .that().resideOutsideOfPackage("org.xenwbem.tls..")
            .should().callMethod(SSLContext.class, "init", KeyManager[].class, TrustManager[].class,
                    SecureRandom.class)
            .orShould().callMethod(SSLContext.class, "getInstance", String.class)
            .as("no SSLContext is made outside the tls module")
            .because("every TLS client (event delivery, the doctor's probe) verifies its peer through the tls "
                    + "module's policy, so none can be built with its own trust managers");

    static final ArchRule theOnlyTrustManagerIsThePolicys = classes()
            .that().areAssignableTo(TrustManager.class)
            .should().haveFullyQualifiedName("org.xenwbem.tls.OutboundTrustManager")
            .as("the one trust manager of main code is the tls module's OutboundTrustManager")
            .because("it accepts only a pinned certificate or a chain the system store or the configured trust "
                    + "file verifies, host name included; any other X509TrustManager, in the tls module too, "
                    + "would be a second policy, and a trust-all one is how peers go unverified");

    static final ArchRule noHostnameVerifierNorGlobalTlsDefault = noClasses()
            .should().beAssignableTo(HostnameVerifier.class)
            .orShould().callMethod(HttpsURLConnection.class, "setHostnameVerifier", HostnameVerifier.class)
            .orShould().callMethod(HttpsURLConnection.class, "setDefaultHostnameVerifier", HostnameVerifier.class)
            .orShould().callMethod(HttpsURLConnection.class, "setDefaultSSLSocketFactory", SSLSocketFactory.class)
            .orShould().callMethod(SSLContext.class, "setDefault", SSLContext.class)
            .as("no host name verifier, no JVM-wide TLS default")
            .because("a HostnameVerifier answering true (a lambda as well as a class) or a JVM-wide socket "
                    + "factory or context would bypass the tls module's policy for every connection");

    static final ArchRule onlyThePolicySetsEndpointIdentification = noClasses()
            .that().doNotHaveFullyQualifiedName("org.xenwbem.tls.OutboundTrust")
            .should().callMethod(SSLParameters.class, "setEndpointIdentificationAlgorithm", String.class)
            .as("endpoint identification is set by the tls module's OutboundTrust alone")
            .because("its client parameters ask for the https host name check (RFC 2818); anyone else setting "
                    + "the algorithm could switch the check off");

    static final ArchRule everyHttpClientGetsThePolicysContext = classes()
            .that(describe("make an HttpClient", (JavaClass c) -> c.getMethodCallsFromSelf().stream()
                    .anyMatch(call -> call.getTarget().getOwner().isEquivalentTo(java.net.http.HttpClient.class)
                            && call.getName().equals("newBuilder"))))
            .should(callTheBuilders("sslContext"))
            .as("every HttpClient of main code is given a TLS context")
            .because("a client without one uses the JVM's default context, outside the tls module's policy "
                    + "(xapi over https, event delivery, ONTAP): OutboundTrust.clientContext() is the one to give");

    private static com.tngtech.archunit.lang.ArchCondition<JavaClass> callTheBuilders(String method) {
        return new com.tngtech.archunit.lang.ArchCondition<>("call HttpClient.Builder." + method) {
            @Override
            public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                boolean calls = c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName().equals(method)
                        && call.getTarget().getOwner().isEquivalentTo(java.net.http.HttpClient.Builder.class));
                if (!calls) {
                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(c,
                            c.getName() + " builds an HttpClient without HttpClient.Builder." + method + "(...)"));
                }
            }
        };
    }

    static final ArchRule eventDeliveryGoesThroughTls = classes()
            .that().resideInAPackage("org.xenwbem.provider.delivery..")
            .and(describe("make an HttpClient", (JavaClass c) -> c.getMethodCallsFromSelf().stream()
                    .anyMatch(call -> call.getTarget().getOwner().isEquivalentTo(java.net.http.HttpClient.class)
                            && call.getName().equals("newBuilder"))))
            .should().dependOnClassesThat().haveFullyQualifiedName("org.xenwbem.tls.OutboundTrust")
            .as("event delivery reaches subscribers through the tls module's policy")
            .because("indications go to https subscribers whose certificates the tls module's OutboundTrust "
                    + "verifies (system store, trust file, pinned fingerprints), never a trust-all client");

    /**
     * No XML-RPC written by hand outside xen-bridge: no main class outside it holds the text
     * {@code <methodCall>} among its constants (read from the class files the rules import).
     */
    @ArchTest
    static void noXmlRpcTextOutsideTheBridge(JavaClasses main) throws IOException {
        List<String> writers = new ArrayList<>();
        byte[] marker = "<methodCall>".getBytes(StandardCharsets.UTF_8);
        for (JavaClass c : main) {
            if (c.getSource().isPresent()) {
                try (InputStream in = c.getSource().get().getUri().toURL().openStream()) {
                    if (indexOf(in.readAllBytes(), marker) >= 0) {
                        writers.add(c.getName());
                    }
                }
            }
        }
        assertTrue(writers.stream().anyMatch(n -> n.startsWith("org.xenwbem.bridge.")),
                "the scan must see xen-bridge's own XML-RPC writer, else it reads nothing: " + writers);
        assertEquals(List.of(), writers.stream().filter(n -> !n.startsWith("org.xenwbem.bridge.")).toList(),
                "only xen-bridge speaks XenAPI: these classes write XML-RPC themselves");
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The import saw every module: a rule over an empty or partial set of classes proves nothing. */
    @ArchTest
    static void everyModuleIsImported(JavaClasses imported) {
        for (String pkg : List.of("org.xenwbem.cim", "org.xenwbem.bridge", "org.xenwbem.bridge.sim",
                "org.xenwbem.tls", "org.xenwbem.provider.server", "org.xenwbem.provider.classes",
                "org.xenwbem.provider.wsman", "org.xenwbem.provider.cimxml")) {
            assertTrue(imported.containPackage(pkg), "no classes imported from " + pkg);
        }
        assertTrue(imported.that(resideInAPackage("org.xenwbem.tests..")).isEmpty(), "test classes were imported");
        assertTrue(imported.size() > 400, "too few classes imported to mean anything: " + imported.size());
    }

    // Each rule runs from an @ArchTest method, not an @ArchTest field: Surefire 3.5.3 silently skips
    // field rules (TNG/ArchUnit#1442), which would make every rule pass by not running.

    @ArchTest
    static void wireCodeNeverReachesTheBridge(JavaClasses main) {
        wireCodeNeverReachesTheBridge.check(main);
    }

    @ArchTest
    static void onlyTheBridgeSpeaksXenApi(JavaClasses main) {
        onlyTheBridgeSpeaksXenApi.check(main);
    }

    @ArchTest
    static void schemaKnowsNoHttpNorXenApi(JavaClasses main) {
        schemaKnowsNoHttpNorXenApi.check(main);
    }

    @ArchTest
    static void classesNeverTouchXmlOrJetty(JavaClasses main) {
        classesNeverTouchXmlOrJetty.check(main);
    }

    @ArchTest
    static void theSimulatorIsUsedByNoMainClass(JavaClasses main) {
        theSimulatorIsUsedByNoMainClass.check(main);
    }

    @ArchTest
    static void onlyServerWiresConcreteBridges(JavaClasses main) {
        onlyServerWiresConcreteBridges.check(main);
    }

    @ArchTest
    static void internalPackagesAreUsedOnlyByTheirParent(JavaClasses main) {
        internalPackagesAreUsedOnlyByTheirParent.check(main);
    }

    @ArchTest
    static void wireCodeDoesNotReachTheServer(JavaClasses main) {
        wireCodeDoesNotReachTheServer.check(main);
    }

    @ArchTest
    static void theCoreKnowsNoWireNorServer(JavaClasses main) {
        theCoreKnowsNoWireNorServer.check(main);
    }

    @ArchTest
    static void theTwoWireCodecsAreIndependent(JavaClasses main) {
        theTwoWireCodecsAreIndependent.check(main);
    }

    @ArchTest
    static void noTrustManagerOutsideTls(JavaClasses main) {
        noTrustManagerOutsideTls.check(main);
    }

    @ArchTest
    static void noSslContextOutsideTls(JavaClasses main) {
        noSslContextOutsideTls.check(main);
    }

    @ArchTest
    static void eventDeliveryGoesThroughTls(JavaClasses main) {
        eventDeliveryGoesThroughTls.check(main);
    }

    @ArchTest
    static void theOnlyTrustManagerIsThePolicys(JavaClasses main) {
        theOnlyTrustManagerIsThePolicys.check(main);
    }

    @ArchTest
    static void noHostnameVerifierNorGlobalTlsDefault(JavaClasses main) {
        noHostnameVerifierNorGlobalTlsDefault.check(main);
    }

    @ArchTest
    static void onlyThePolicySetsEndpointIdentification(JavaClasses main) {
        onlyThePolicySetsEndpointIdentification.check(main);
    }

    @ArchTest
    static void everyHttpClientGetsThePolicysContext(JavaClasses main) {
        everyHttpClientGetsThePolicysContext.check(main);
    }

    /**
     * No main class names a way around verification in its constants: the JDK HttpClient's switch
     * that turns host name checks off, or a trust-all by name (read from the class files).
     */
    @ArchTest
    static void noTrustAllByName(JavaClasses main) throws IOException {
        assertEquals(List.of(), trustAllByName(main), "main code names a way around certificate verification");
    }

    /** Each class of {@code imported} whose class file holds one of {@link #TRUST_ALL_MARKERS}, with it. */
    static List<String> trustAllByName(JavaClasses imported) throws IOException {
        List<String> found = new ArrayList<>();
        for (JavaClass c : imported) {
            if (c.getSource().isPresent()) {
                try (InputStream in = c.getSource().get().getUri().toURL().openStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    for (String marker : TRUST_ALL_MARKERS) {
                        if (text.toLowerCase(java.util.Locale.ROOT).contains(marker)) {
                            found.add(c.getName() + ": " + marker);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Lower case: the HttpClient switch, and the usual names of accept-everything managers. */
    static final List<String> TRUST_ALL_MARKERS = List.of("disablehostnameverification", "trustall",
            "trust_all", "insecuretrustmanager", "acceptall", "sslclientpeerverification");
}
