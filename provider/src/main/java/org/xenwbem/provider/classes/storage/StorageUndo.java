package org.xenwbem.provider.classes.storage;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * What a storage method made so far, undone newest first when a later step fails (issue #11, "Nothing
 * lost"): a PBD it created is unplugged and destroyed, an SR it introduced is forgotten (its data was
 * there before), an SR it created is destroyed (it holds nothing yet), a VDI it created is destroyed.
 */
final class StorageUndo {
    private static final Logger LOG = LoggerFactory.getLogger(StorageUndo.class);

    private enum Kind { PBD, INTRODUCED_SR, CREATED_SR, VDI }

    private record Entry(Kind kind, String uuid) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void pbd(String uuid) {
        entries.push(new Entry(Kind.PBD, uuid));
    }

    synchronized void introducedSr(String uuid) {
        entries.push(new Entry(Kind.INTRODUCED_SR, uuid));
    }

    synchronized void createdSr(String uuid) {
        entries.push(new Entry(Kind.CREATED_SR, uuid));
    }

    synchronized void vdi(String uuid) {
        entries.push(new Entry(Kind.VDI, uuid));
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Undoes everything recorded; an object already gone is fine, other failures are logged and the rest still undone. */
    synchronized void undo(PoolSession s) {
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                switch (e.kind) {
                    case PBD -> removePbd(s, e.uuid);
                    case INTRODUCED_SR -> s.storage().forgetSr(e.uuid);
                    case CREATED_SR -> destroyCreated(s, e.uuid);
                    case VDI -> s.devices().destroyVdi(e.uuid);
                    default -> throw new IllegalStateException(e.kind.name());
                }
            } catch (XenFailure f) {
                if (f.kind() != XenFailure.Kind.NOT_FOUND) {
                    LOG.warn("could not remove {} {} after a failure: {} {}", e.kind, e.uuid, f.code(), f.params());
                }
            }
        }
    }

    private static void removePbd(PoolSession s, String pbd) throws XenFailure {
        try {
            s.storage().unplugPbd(pbd);
        } catch (XenFailure f) {
            if (f.kind() == XenFailure.Kind.NOT_FOUND) {
                throw f;
            }
        }
        s.storage().destroyPbd(pbd);
    }

    /** An SR this method created: its PBDs unplugged, then SR.destroy (xapi removes the PBDs). */
    private static void destroyCreated(PoolSession s, String sr) throws XenFailure {
        for (var p : s.storage().pbdsOf(sr)) {
            if (p.attached()) {
                s.storage().unplugPbd(p.uuid());
            }
        }
        s.storage().destroySr(sr);
    }
}
