package org.xenwbem.provider.classes.vm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.EmbeddedArgs;

/**
 * Adding and removing guest key/value pairs (anchor §10): a KVP RASD (class Xen_KVP or
 * Xen_KVPSettingData, or ResourceType 40000) with Key and Value becomes the VM's xenstore_data entry
 * {@code vm-data/<Key>} (see {@code GuestKvps} in the classes package for why). Keys are 1–256
 * characters of xenstore's path alphabet (letters, digits, {@code - _ @}, and {@code /} between
 * segments); values are non-empty (the anchor refused empty ones) and at most 3 KiB of UTF-8, so that
 * path and value fit in one 4 KiB xenstore message.
 */
public final class GuestPairs {
    public static final long RESOURCE_TYPE = 40000;
    static final String PREFIX = "vm-data/";
    static final int MAX_KEY = 256;
    static final int MAX_VALUE_BYTES = 3072;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_@-]+(/[A-Za-z0-9_@-]+)*");

    private GuestPairs() {
    }

    public static boolean isPairClass(String cls) {
        return cls.equalsIgnoreCase("Xen_KVP") || cls.equalsIgnoreCase(ResourceSettings.KVP);
    }

    /** The RASD of a pair: {@code Xen_KVPSettingData.InstanceID="Xen:<vm>/<key>"}. */
    public static CimObjectPath path(String vm, String key) {
        return ResourceSettings.path(ResourceSettings.KVP, vm, key);
    }

    public static CimObjectPath add(PoolSession session, PoolSnapshot pool, CreatedObjects created, String vm, CimInstance rasd)
            throws XenFailure, JobFailure {
        String key = EmbeddedArgs.str(rasd.get("Key"));
        Object rawValue = rasd.get("Value");
        String value = rawValue == null ? null : String.valueOf(rawValue);
        checkKey(key);
        if (value == null || value.isEmpty()) {
            throw ResourceSettings.invalid("a guest key/value pair needs a non-empty Value");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw ResourceSettings.invalid("Value is longer than " + MAX_VALUE_BYTES + " bytes");
        }
        Map<String, String> current = pool.vm(vm).map(VmRecord::xenstoreData).orElse(Map.of());
        if (current.containsKey(PREFIX + key)) {
            throw ResourceSettings.invalid("the VM already has the key " + key + "; remove it first");
        }
        session.vms().addToXenstoreData(vm, PREFIX + key, value);
        created.xenstoreEntry(vm, PREFIX + key);
        return path(vm, key);
    }

    /** True when the VM holds the pair (in the mirror); then removes it through xapi. */
    public static boolean remove(PoolSession session, VmRecord vm, String key) throws XenFailure {
        if (key == null || !vm.xenstoreData().containsKey(PREFIX + key)) {
            return false;
        }
        session.vms().removeFromXenstoreData(vm.uuid(), PREFIX + key);
        return true;
    }

    /**
     * Read-your-writes: waits (up to 10 s) until the mirror, and so every Get, shows the pair of
     * {@code rasd} present or absent. An interrupt ends the wait early and is kept for the caller.
     */
    public static void awaitMirror(PoolMirror mirror, CimObjectPath rasd, boolean present) {
        Object id = rasd.key("InstanceID");
        String vm = EmbeddedArgs.ownerOf(id);
        String entry = PREFIX + EmbeddedArgs.deviceOf(id);
        try {
            mirror.await(s -> s.vm(vm).map(v -> v.xenstoreData().containsKey(entry) == present).orElse(true),
                    Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void checkKey(String key) throws JobFailure {
        if (key == null || key.isEmpty()) {
            throw ResourceSettings.invalid("a guest key/value pair needs a Key");
        }
        if (key.length() > MAX_KEY) {
            throw ResourceSettings.invalid("Key is longer than " + MAX_KEY + " characters");
        }
        if (!KEY.matcher(key).matches()) {
            throw ResourceSettings.invalid("Key '" + key.replaceAll("[^ -~]", "?")
                    + "' may hold only letters, digits, - _ @ and / between segments");
        }
    }
}
