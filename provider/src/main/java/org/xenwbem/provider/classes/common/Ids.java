package org.xenwbem.provider.classes.common;

/**
 * The anchor's identifier formats (xs-cim {@code _CMPICreateNewSystemInstanceID} /
 * {@code _CMPICreateNewDeviceInstanceID}), so scripts written for it keep working.
 */
public final class Ids {
    public static final String PREFIX = "Xen:";

    private Ids() {
    }

    /** {@code Xen:<uuid>}; for the fixed instances (the registered profiles) {@code Xen:<name>}. */
    public static String system(String uuid) {
        return PREFIX + uuid;
    }

    /** {@code Xen:<owner uuid>/<device>}. */
    public static String device(String ownerUuid, String device) {
        return PREFIX + ownerUuid + "/" + device;
    }

    /** {@code Xen:<rest>} → {@code <rest>}; an id without the prefix stays as it is. */
    public static String withoutPrefix(String id) {
        return id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
    }

    /** The owner uuid of a {@code Xen:<uuid>} or {@code Xen:<uuid>/<device>} id; null when malformed. */
    public static String owner(Object id) {
        if (!(id instanceof String s) || !s.startsWith(PREFIX)) {
            return null;
        }
        int slash = s.indexOf('/', PREFIX.length());
        return slash < 0 ? s.substring(PREFIX.length()) : s.substring(PREFIX.length(), slash);
    }

    /** The device part of {@code Xen:<uuid>/<device>}; null when absent. */
    public static String devicePart(Object id) {
        if (!(id instanceof String s) || !s.startsWith(PREFIX)) {
            return null;
        }
        int slash = s.indexOf('/', PREFIX.length());
        return slash < 0 ? null : s.substring(slash + 1);
    }
}
