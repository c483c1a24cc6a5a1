package org.xenwbem.bridge.storage;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which disk operations a back-end does itself, and how it provisions.
 *
 * @param offloaded the operations done by the array (the others take xapi's own path)
 * @param thin      true when a disk takes space only as it is written
 * @param detail    one line for the operator, e.g. "XFS reflink" or "ext4: no reflink, clones by xapi"
 */
public record Capabilities(Set<Operation> offloaded, boolean thin, String detail) {
    /** The operations an adapter may offload. */
    public enum Operation { CREATE, CLONE, SNAPSHOT, RESIZE, DELETE, SPACE }

    public Capabilities {
        offloaded = offloaded.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(offloaded));
    }

    public boolean offloads(Operation op) {
        return offloaded.contains(op);
    }

    /** Nothing offloaded: every operation goes to xapi. */
    public static Capabilities none(String detail) {
        return new Capabilities(Set.of(), false, detail);
    }
}
