package org.xenwbem.provider.cimom.indications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;

/**
 * The indication classes of the schema and how indications are built from them. Construction fails
 * with the names of the missing classes when the schema lacks one, so eventing is never half-on.
 */
public final class IndicationSchema {
    static final String CREATION = "Xen_ComputerSystemCreation";
    static final String DELETION = "Xen_ComputerSystemDeletion";
    static final String MODIFICATION = "Xen_ComputerSystemModification";
    static final String ROOT = "CIM_Indication";
    static final List<String> REQUIRED = List.of(ROOT, "CIM_InstIndication", CREATION, DELETION, MODIFICATION);

    private final ClassRepository repo;
    private final String host;
    private final String producerId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CimClass> views = new ConcurrentHashMap<>();

    /**
     * @param host the name put in SourceInstanceHost (the certificate CN)
     * @throws IllegalStateException naming every required class the schema lacks
     */
    public IndicationSchema(ClassRepository repo, String host) {
        List<String> missing = missing(repo, REQUIRED);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the CIM schema lacks the indication classes " + missing);
        }
        this.repo = repo;
        this.host = host;
    }

    static List<String> missing(ClassRepository repo, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (repo.get(n) == null) {
                out.add(n);
            }
        }
        return out;
    }

    public ClassRepository repository() {
        return repo;
    }

    public boolean isIndicationClass(String className) {
        return repo.get(className) != null && repo.isA(className, ROOT);
    }

    public Indication creation(CimInstance source, Instant at) {
        return new Indication(base(CREATION, source, at), source, null);
    }

    public Indication deletion(CimInstance lastKnown, Instant at) {
        return new Indication(base(DELETION, lastKnown, at), lastKnown, null);
    }

    public Indication modification(CimInstance now, CimInstance before, Instant at) {
        return new Indication(base(MODIFICATION, now, at), now, before);
    }

    private CimInstance base(String className, CimInstance source, Instant at) {
        CimClass c = repo.get(className);
        CimInstance.Builder b = CimInstance.builder(c).namespace(source.namespace());
        setIfDeclared(c, b, "IndicationIdentifier", producerId + ":" + sequence.incrementAndGet());
        setIfDeclared(c, b, "IndicationTime", CimDateTime.of(at));
        setIfDeclared(c, b, "SourceInstanceModelPath", modelPath(source));
        setIfDeclared(c, b, "SourceInstanceHost", host);
        setIfDeclared(c, b, "PerceivedSeverity", 2L);
        return b.build();
    }

    private static void setIfDeclared(CimClass c, CimInstance.Builder b, String property, Object value) {
        if (c.property(property) != null) {
            b.set(property, value);
        }
    }

    /** DSP0207-style model path: {@code Class.Key="value",...}. */
    static String modelPath(CimInstance i) {
        StringBuilder sb = new StringBuilder(i.className());
        String sep = ".";
        for (Map.Entry<String, Object> k : i.path().keys().entrySet()) {
            sb.append(sep).append(k.getKey()).append("=\"")
                    .append(String.valueOf(k.getValue()).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            sep = ",";
        }
        return sb.toString();
    }

    /**
     * The indication as a WQL query can test it: the same class name and values, with the embedded
     * properties typed as references to the embedded instances' paths, so that
     * {@code SourceInstance ISA Xen_ComputerSystem} holds.
     */
    CimInstance evaluationView(Indication ind) {
        CimClass view = views.computeIfAbsent(ind.className().toLowerCase(java.util.Locale.ROOT),
                k -> viewClass(ind.instance().cimClass()));
        CimInstance.Builder b = CimInstance.builder(view).namespace(ind.instance().namespace());
        for (Map.Entry<String, Object> e : ind.instance().values().entrySet()) {
            CimInstance embedded = ind.embedded(e.getKey());
            if (Indication.isEmbedded(e.getKey())) {
                b.set(e.getKey(), embedded == null ? null : embedded.path());
            } else {
                b.set(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    private static CimClass viewClass(CimClass c) {
        List<CimProperty> props = new ArrayList<>();
        for (CimProperty p : c.properties()) {
            props.add(Indication.isEmbedded(p.name())
                    ? new CimProperty(p.name(), CimType.REFERENCE, false, null, p.qualifiers(), null, p.classOrigin(), false)
                    : new CimProperty(p.name(), p.type(), p.array(), p.referenceClass(), p.qualifiers(), p.defaultValue(),
                    p.classOrigin(), false));
        }
        ClassRepository one = ClassRepository.builder().declare(new ClassRepository.Builder.Declaration(
                c.name(), null, c.qualifiers(), props, List.of())).build();
        return one.get(c.name());
    }
}
