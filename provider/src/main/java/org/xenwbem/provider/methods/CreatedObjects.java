package org.xenwbem.provider.methods;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * What a method created so far, so that a failure midway leaves nothing of its own behind (issue
 * #6, "Nothing left behind"): undone newest first. A VM it created is torn down with its drives
 * and the disks only it uses, except VDIs it was handed (an existing disk attached by HostResource).
 */
public final class CreatedObjects {
    private static final Logger LOG = LoggerFactory.getLogger(CreatedObjects.class);

    private enum Kind { VM, VDI, VBD, VIF, XENSTORE_ENTRY, OWN_DELETE }

    /** How a disk made by someone other than xapi is removed (an array deletes it with what it made for it). */
    @FunctionalInterface
    public interface Deleter {
        void delete(PoolSession s) throws XenFailure;
    }

    /**
     * {@code key} is the xenstore_data key of a XENSTORE_ENTRY of VM {@code uuid}, else null;
     * {@code deleter} removes an OWN_DELETE disk.
     */
    private record Entry(Kind kind, String uuid, String key, Deleter deleter) {
        Entry(Kind kind, String uuid) {
            this(kind, uuid, null, null);
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Set<String> borrowedVdis = new HashSet<>();

    public synchronized void vm(String uuid) {
        entries.push(new Entry(Kind.VM, uuid));
    }

    public synchronized void vdi(String uuid) {
        entries.push(new Entry(Kind.VDI, uuid));
    }

    /** A VDI undone by its own deleter rather than xapi's VDI.destroy. */
    public synchronized void vdi(String uuid, Deleter deleter) {
        entries.push(new Entry(Kind.OWN_DELETE, uuid, null, deleter));
    }

    public synchronized void vbd(String uuid) {
        entries.push(new Entry(Kind.VBD, uuid));
    }

    public synchronized void vif(String uuid) {
        entries.push(new Entry(Kind.VIF, uuid));
    }

    /** A xenstore_data entry (a guest key/value pair) this method added to a VM. */
    public synchronized void xenstoreEntry(String vm, String key) {
        entries.push(new Entry(Kind.XENSTORE_ENTRY, vm, key, null));
    }

    /** An existing VDI this method attached: never destroyed when undoing. */
    public synchronized void borrowed(String vdi) {
        borrowedVdis.add(vdi);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Destroys everything recorded, newest first; an object already gone is fine. Failures are
     * logged and the rest is still undone (the method's own error is what the caller reports).
     */
    public synchronized void undo(PoolSession s) {
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                switch (e.kind) {
                    case VM -> VmTeardown.destroy(s, e.uuid, borrowedVdis);
                    case VDI -> s.devices().destroyVdi(e.uuid);
                    case OWN_DELETE -> e.deleter.delete(s);
                    case VBD -> s.devices().destroyVbd(e.uuid);
                    case VIF -> s.devices().destroyVif(e.uuid);
                    case XENSTORE_ENTRY -> s.vms().removeFromXenstoreData(e.uuid, e.key);
                    default -> throw new IllegalStateException(e.kind.name());
                }
            } catch (XenFailure f) {
                if (f.kind() != XenFailure.Kind.NOT_FOUND) {
                    LOG.warn("could not remove {} {} after a failure: {} {}", e.kind, e.uuid, f.code(), f.params());
                }
            }
        }
    }

    /** Tearing down a halted VM: its drives, the disks only it uses, then the VM. */
    public static final class VmTeardown {
        private VmTeardown() {
        }

        /**
         * Destroys the VM's VBDs and the VDIs of its Disk drives that are neither sharable nor used
         * by any other VBD (ISO images in CD drives stay), then the VM. Reads xapi, not the mirror.
         */
        public static void destroy(PoolSession s, String vm, Set<String> keepVdis) throws XenFailure {
            DeviceOps d = s.devices();
            List<DeviceOps.Drive> drives = d.drivesOf(vm);
            for (DeviceOps.Drive drive : drives) {
                d.destroyVbd(drive.vbd());
            }
            for (DeviceOps.Drive drive : drives) {
                boolean own = drive.vdi() != null && "Disk".equalsIgnoreCase(drive.type()) && !drive.vdiSharable()
                        && drive.vdiUsers() <= 1 && !keepVdis.contains(drive.vdi());
                if (own) {
                    try {
                        d.destroyVdi(drive.vdi());
                    } catch (XenFailure f) {
                        if (f.kind() != XenFailure.Kind.NOT_FOUND) {
                            throw f;
                        }
                    }
                }
            }
            s.vms().destroy(vm);
        }
    }
}
