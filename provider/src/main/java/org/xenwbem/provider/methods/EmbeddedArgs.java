package org.xenwbem.provider.methods;

import java.util.ArrayList;
import org.xenwbem.provider.classes.common.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;
import org.xenwbem.cim.mof.MofInstanceParser;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;

/**
 * Method arguments as the anchor's clients sent them (issue #6, "Embedded arguments"): embedded
 * instances typed by the core ({@link CimInstance}) or MOF text ({@code instance of X { … };});
 * references as {@link CimObjectPath}, as embedded instances (their path), or as reference strings
 * ({@code root/cimv2:Xen_ComputerSystemTemplate.InstanceID="Xen:<uuid>"}); a single value where an
 * array is declared. Also the small value conversions the service's classes share.
 */
public final class EmbeddedArgs {
    private static final Pattern KEY =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,]*)");
    private static final Pattern UNITS = Pattern.compile("(?i)\\s*bytes?\\s*(?:\\*\\s*(\\d+)\\s*\\^\\s*(\\d+))?\\s*");

    private final ClassRepository classes;

    public EmbeddedArgs(ClassRepository classes) {
        this.classes = classes;
    }

    /** An embedded instance; null when the argument is absent. */
    public CimInstance instance(String param, Object v) throws CimException {
        if (v == null || v instanceof CimInstance) {
            return (CimInstance) v;
        }
        if (v instanceof String s && MofInstanceParser.looksLikeMof(s)) {
            try {
                return MofInstanceParser.parse(s, classes, MethodEnvironment.NAMESPACE);
            } catch (SchemaException | IllegalArgumentException e) {
                throw new CimException(CimStatus.INVALID_PARAMETER, CimException.Detail.NONE,
                        param + ": not a valid MOF instance: " + e.getMessage(), e);
            }
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, param + ": expected an embedded instance");
    }

    /** An array of embedded instances (a single value counts as one). */
    public List<CimInstance> instances(String param, Object v) throws CimException {
        List<CimInstance> out = new ArrayList<>();
        for (Object o : list(v)) {
            out.add(instance(param, o));
        }
        return out;
    }

    /** A reference; null when absent. */
    public CimObjectPath ref(String param, Object v) throws CimException {
        if (v == null || v instanceof CimObjectPath) {
            return (CimObjectPath) v;
        }
        if (v instanceof CimInstance i) {
            return identity(i);
        }
        if (v instanceof String s) {
            if (MofInstanceParser.looksLikeMof(s)) {
                return identity(instance(param, s));
            }
            CimObjectPath p = parsePath(s);
            if (p != null) {
                return p;
            }
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, param + ": expected a reference");
    }

    /**
     * The InstanceID an embedded instance carries or a reference names; for a device (the anchor's
     * clients name a Xen_KVP by its DeviceID, which has the same {@code Xen:<vm>/<x>} form) its DeviceID.
     */
    public Object instanceId(String param, Object v) throws CimException {
        if (v instanceof CimInstance || v instanceof String s && MofInstanceParser.looksLikeMof(s)) {
            CimInstance i = instance(param, v);
            return i.get("InstanceID") != null ? i.get("InstanceID") : i.get("DeviceID");
        }
        CimObjectPath p = ref(param, v);
        return p.key("InstanceID") != null ? p.key("InstanceID") : p.key("DeviceID");
    }

    /**
     * What names an instance given where a reference is expected (the anchor's clients send the
     * setting data of a device, or name a VM by its InstanceID): its keys that are set, and its InstanceID.
     */
    static CimObjectPath identity(CimInstance i) {
        Map<String, Object> keys = new LinkedHashMap<>();
        i.path().keys().forEach((k, val) -> {
            if (val != null) {
                keys.put(k, val);
            }
        });
        if (i.cimClass().property("InstanceID") != null && i.get("InstanceID") != null) {
            keys.putIfAbsent("InstanceID", i.get("InstanceID"));
        }
        return new CimObjectPath(i.namespace(), i.className(), keys);
    }

    /** One key of a reference argument however it came: a path, the instance itself, or reference text; else null. */
    static Object keyOf(Object ref, String key) {
        CimObjectPath p = ref instanceof CimObjectPath c ? c : ref instanceof CimInstance i ? identity(i)
                : ref instanceof String s ? parsePath(s) : null;
        return p == null ? null : p.key(key);
    }

    /** The class of an embedded instance or of the instance a reference names. */
    public String className(String param, Object v) throws CimException {
        if (v instanceof CimInstance || v instanceof String s && MofInstanceParser.looksLikeMof(s)) {
            return instance(param, v).className();
        }
        return ref(param, v).className();
    }

    public static List<?> list(Object v) {
        return v == null ? List.of() : v instanceof List<?> l ? l : List.of(v);
    }

    /**
     * {@code [//host/][namespace:]Class.Key="v",Key2=3}; null when it is not one. Quotes and
     * backslashes inside quoted values are unescaped.
     */
    public static CimObjectPath parsePath(String text) {
        String t = text.strip();
        if (t.startsWith("//")) {
            int slash = t.indexOf('/', 2);
            t = slash < 0 ? "" : t.substring(slash + 1);
        }
        int dot = t.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String head = t.substring(0, dot);
        int colon = head.lastIndexOf(':');
        String ns = colon < 0 ? MethodEnvironment.NAMESPACE : head.substring(0, colon);
        String cls = head.substring(colon + 1);
        Map<String, Object> keys = new LinkedHashMap<>();
        Matcher m = KEY.matcher(t.substring(dot + 1));
        while (m.find()) {
            keys.put(m.group(1), m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2).strip());
        }
        return cls.isEmpty() || keys.isEmpty() ? null : new CimObjectPath(ns, cls, keys);
    }

    /** {@code Xen:<uuid>} or {@code Xen:<uuid>/<device>} → uuid; a bare uuid stays as it is. */
    public static String ownerOf(Object id) {
        String s = str(id);
        String owner = Ids.owner(s);
        return owner == null ? s : owner;
    }

    /** The part after the slash of {@code Xen:<uuid>/<device>}; null when absent. */
    public static String deviceOf(Object id) {
        return Ids.devicePart(str(id));
    }

    /** A non-blank string, else null. */
    public static String str(Object v) {
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** An integer from any CIM number or its text; null when absent or not a number. */
    public static Long num(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        String s = str(v);
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = str(v);
        return s == null ? null : Boolean.parseBoolean(s);
    }

    /** {@code key=value} strings (the anchor's map properties) as a map. */
    public static Map<String, String> keyValues(Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : list(v)) {
            String s = String.valueOf(o);
            int eq = s.indexOf('=');
            if (eq > 0) {
                out.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /**
     * The multiplier of a DSP0004 programmatic unit: {@code byte}, {@code byte*2^20}, or the
     * customary MB / KB / GB / MiB; {@code fallback} when absent; -1 when not understood.
     */
    public static long unitBytes(Object allocationUnits, long fallback) {
        String u = str(allocationUnits);
        if (u == null) {
            return fallback;
        }
        Matcher m = UNITS.matcher(u);
        if (m.matches()) {
            return m.group(1) == null ? 1 : (long) Math.pow(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        return switch (u.toUpperCase(Locale.ROOT)) {
            case "KB", "KIB", "KILOBYTES" -> 1L << 10;
            case "MB", "MIB", "MEGABYTES" -> 1L << 20;
            case "GB", "GIB", "GIGABYTES" -> 1L << 30;
            default -> -1;
        };
    }
}
