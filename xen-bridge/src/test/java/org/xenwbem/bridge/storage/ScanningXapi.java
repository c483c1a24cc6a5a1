package org.xenwbem.bridge.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.Operation;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.StorageOps;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * xapi's VDI bookkeeping for one SR, as the orchestration meets it: SR.scan introduces a VDI for each
 * disk the back-end holds and forgets VDIs whose disk vanished (as xapi's scan does); VDI fields,
 * VDI.clone/snapshot/create/destroy/resize. The simulated pool does the same once it learns scans of
 * real bytes (helper simstore); until then this stands in. Any call can be made to fail by name
 * ({@code scanSr}, {@code set:name_label}, …), and a scan can be made to find nothing.
 */
final class ScanningXapi implements InvocationHandler {
    final String sr;
    final Map<String, Map<String, Object>> vdis = new ConcurrentHashMap<>();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    volatile boolean scanFindsNothing;
    private final Supplier<Set<String>> backing;

    ScanningXapi(String sr, Supplier<Set<String>> backing) {
        this.sr = sr;
        this.backing = backing;
    }

    PoolSession session() {
        InvocationHandler unsupported = (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        };
        Map<Class<?>, Object> parts = Map.of(StorageOps.class, proxy(StorageOps.class, this), FieldOps.class,
                proxy(FieldOps.class, this), DeviceOps.class, proxy(DeviceOps.class, this));
        return proxy(PoolSession.class, (p, m, a) -> {
            if (m.getName().equals("close")) {
                return null;
            }
            Object part = parts.get(m.getReturnType());
            return part != null ? part : proxy(m.getReturnType(), unsupported);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler h) {
        return (T) Proxy.newProxyInstance(ScanningXapi.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] a) throws Throwable {
        String name = switch (m.getName()) {
            case "set", "addToMap", "removeFromMap" -> m.getName() + ":" + a[2];
            default -> m.getName();
        };
        calls.add(name);
        if (failing.contains(name)) {
            throw new XenFailure(XenFailure.Kind.FAILED, "INJECTED", List.of(name), "injected fault at " + name, null);
        }
        try {
            return getClass().getDeclaredMethod(m.getName(), m.getParameterTypes()).invoke(this, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    void add(String vdi, String name, Map<String, String> otherConfig) {
        Map<String, Object> rec = new HashMap<>();
        rec.put("name_label", name);
        rec.put("name_description", "");
        rec.put("other_config", Map.copyOf(otherConfig));
        vdis.put(vdi, rec);
    }

    void scanSr(String s) {
        if (scanFindsNothing) {
            return;
        }
        Set<String> held = backing.get();
        vdis.keySet().removeIf(v -> !held.contains(v));
        held.stream().filter(v -> !vdis.containsKey(v)).forEach(v -> add(v, "", Map.of()));
    }

    boolean vdiExists(String vdi) {
        return vdis.containsKey(vdi);
    }

    void set(FieldOps.Target cls, String uuid, String field, Object value) throws XenFailure {
        Map<String, Object> rec = vdis.get(uuid);
        if (rec == null) {
            throw new XenFailure(XenFailure.Kind.NOT_FOUND, "UUID_INVALID", List.of("VDI", uuid), "no VDI " + uuid, null);
        }
        rec.put(field, value);
    }

    @SuppressWarnings("unchecked")
    void addToMap(FieldOps.Target cls, String uuid, String field, String key, String value) throws XenFailure {
        Map<String, Object> rec = vdis.get(uuid);
        if (rec == null) {
            throw new XenFailure(XenFailure.Kind.NOT_FOUND, "UUID_INVALID", List.of("VDI", uuid), "no VDI " + uuid, null);
        }
        Map<String, String> map = new HashMap<>((Map<String, String>) rec.get(field));
        if (map.putIfAbsent(key, value) != null) {
            throw new XenFailure(XenFailure.Kind.FAILED, "MAP_DUPLICATE_KEY", List.of("VDI", field, uuid, key),
                    "duplicate key " + key, null);
        }
        rec.put(field, Map.copyOf(map));
    }

    @SuppressWarnings("unchecked")
    void removeFromMap(FieldOps.Target cls, String uuid, String field, String key) {
        Map<String, Object> rec = vdis.get(uuid);
        Map<String, String> map = new HashMap<>((Map<String, String>) rec.get(field));
        map.remove(key);
        rec.put(field, Map.copyOf(map));
    }

    Operation cloneVdi(String vdi) {
        return done(xapiCopy(vdi));
    }

    Operation snapshotVdi(String vdi) {
        return done(xapiCopy(vdi));
    }

    private String xapiCopy(String vdi) {
        String uuid = UUID.randomUUID().toString();
        add(uuid, String.valueOf(vdis.get(vdi).get("name_label")), Map.of());
        return uuid;
    }

    String createVdi(String s, String name, long size, String type, boolean sharable, boolean readOnly) {
        String uuid = UUID.randomUUID().toString();
        add(uuid, name, Map.of());
        return uuid;
    }

    void destroyVdi(String vdi) {
        vdis.remove(vdi);
    }

    void resizeVdi(String vdi, long size) {
        vdis.get(vdi).put("virtual_size", size);
    }

    private static Operation done(String result) {
        return proxy(Operation.class, (p, m, a) -> switch (m.getName()) {
            case "await" -> result;
            case "taskUuid" -> "task-" + result;
            default -> null;
        });
    }
}
