package org.xenwbem.bridge;

import java.util.Map;

/**
 * A XenAPI {@code VBD}: a VM's block device. {@code vdiUuid} is "" for an empty CD drive
 * ({@code empty} is then true). {@code userdevice} is the slot ("0", "1", "3"…), {@code device} the
 * guest name ("xvda") once known.
 */
public record VbdRecord(String uuid, String vmUuid, String vdiUuid, String userdevice, String device, Type type,
                        Mode mode, boolean bootable, boolean currentlyAttached, boolean empty,
                        Map<String, String> otherConfig) {
    public VbdRecord {
        otherConfig = Map.copyOf(otherConfig);
    }

    /** xapi's {@code vbd_type}, spelled as on the wire. */
    public enum Type {
        Disk, CD, Floppy;

        /** Unknown names read as {@link #Disk}. */
        public static Type fromWire(String s) {
            for (Type t : values()) {
                if (t.name().equalsIgnoreCase(s)) {
                    return t;
                }
            }
            return Disk;
        }
    }

    /** xapi's {@code vbd_mode}, spelled as on the wire. */
    public enum Mode {
        RO, RW;

        /** Unknown names read as {@link #RW}. */
        public static Mode fromWire(String s) {
            return "RO".equalsIgnoreCase(s) ? RO : RW;
        }
    }
}
