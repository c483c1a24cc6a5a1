package org.xenwbem.bridge.storage;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.Capabilities.Operation;
import org.xenwbem.bridge.storage.SrDisk.Disk;
import org.xenwbem.bridge.storage.SrDisk.Outcome;
import org.xenwbem.bridge.storage.SrDisk.Sr;

/**
 * Disk operations for one user's session, done by the SR's array when an adapter serves it, else by
 * xapi. An offloaded disk is made under a fresh VDI uuid, then xapi learns it: SR.scan, the VDI must
 * then exist, then its name, description and other-config are set as XenAPI's VDI.clone sets them
 * (the source's other-config entries, each through VDI.add_to_other_config, plus
 * {@value #OFFLOAD_KEY}{@code =<adapter id>}). A failure at any step removes what
 * was made (the array object, then a scan so xapi forgets it). An adapter that fails before changing
 * anything hands over to xapi's own operation.
 */
public final class OffloadedDisks {
    /** The other-config key naming the adapter that made a disk. */
    public static final String OFFLOAD_KEY = "xenwbem-offload";
    /**
     * The other-config key an offloaded snapshot carries, naming the disk it is a snapshot of: xapi's
     * {@code is_a_snapshot} and {@code snapshot_of} are read-only, set only by its own VDI.snapshot.
     */
    public static final String SNAPSHOT_OF_KEY = "xenwbem-snapshot-of";

    private static final Logger LOG = LoggerFactory.getLogger(OffloadedDisks.class);

    private final AdapterSource adapters;
    private final Duration xapiTimeout;

    public OffloadedDisks(AdapterSource adapters, Duration xapiTimeout) {
        this.adapters = adapters;
        this.xapiTimeout = xapiTimeout;
    }

    /** The SR's offload capabilities, or none when no adapter serves it. */
    public Capabilities capabilitiesOf(Sr sr) {
        return adapters.forSr(sr).map(StorageAdapter::capabilities)
                .orElse(Capabilities.none("no array adapter: xapi's own operations"));
    }

    /** The array's report of the SR's space, when an adapter serves it. */
    public Optional<SpaceReport> spaceOf(Sr sr) throws StorageFailure {
        Optional<StorageAdapter> a = adapter(sr, Operation.SPACE);
        return a.isPresent() ? Optional.of(a.get().space()) : Optional.empty();
    }

    /** VDI.clone: an array clone when offered, else xapi's. */
    public Outcome clone(PoolSession s, Disk source) throws XenFailure, StorageFailure {
        return make(s, source.sr(), Operation.CLONE, (a, uuid) -> a.clone(source.vdiUuid(), uuid),
                () -> s.storage().cloneVdi(source.vdiUuid()).await(xapiTimeout, p -> { }),
                source.name(), source.description(), source.otherConfig());
    }

    /** VDI.snapshot: an array snapshot when offered, else xapi's. */
    public Outcome snapshot(PoolSession s, Disk source) throws XenFailure, StorageFailure {
        Map<String, String> oc = new TreeMap<>(source.otherConfig());
        oc.put(SNAPSHOT_OF_KEY, source.vdiUuid());
        return make(s, source.sr(), Operation.SNAPSHOT, (a, uuid) -> a.snapshot(source.vdiUuid(), uuid),
                () -> s.storage().snapshotVdi(source.vdiUuid()).await(xapiTimeout, p -> { }),
                source.name(), source.description(), oc);
    }

    /** VDI.create: an array disk when offered, else xapi's. */
    public Outcome create(PoolSession s, Sr sr, long size, String name, String description)
            throws XenFailure, StorageFailure {
        return make(s, sr, Operation.CREATE, (a, uuid) -> a.create(uuid, size), () -> {
            String uuid = s.devices().createVdi(sr.uuid(), name, size, "user", false, false);
            s.fields().set(FieldOps.Target.VDI, uuid, "name_description", description);
            return uuid;
        }, name, description, Map.of());
    }

    /** VDI.resize: grown by the array (then a scan so xapi sees the size), else by xapi. */
    public Outcome resize(PoolSession s, Disk disk, long size) throws XenFailure, StorageFailure {
        Optional<StorageAdapter> a = adapter(disk.sr(), Operation.RESIZE);
        if (a.isPresent()) {
            try {
                a.get().resize(disk.vdiUuid(), size);
                s.storage().scanSr(disk.sr().uuid());
                return new Outcome(disk.vdiUuid(), a.get().id());
            } catch (StorageFailure f) {
                if (f.changed()) {
                    throw f;
                }
                LOG.warn("{} could not resize disk {} ({}); xapi resizes it", f.adapter(), disk.vdiUuid(),
                        f.getMessage());
            }
        }
        s.devices().resizeVdi(disk.vdiUuid(), size);
        return new Outcome(disk.vdiUuid(), Outcome.XAPI);
    }

    /** VDI.destroy: the array deletes the disk with its snapshots, then a scan; else xapi destroys it. */
    public Outcome delete(PoolSession s, Disk disk) throws XenFailure, StorageFailure {
        Optional<StorageAdapter> a = adapter(disk.sr(), Operation.DELETE);
        if (a.isPresent() && a.get().holds(disk.vdiUuid())) {
            a.get().delete(disk.vdiUuid());
            s.storage().scanSr(disk.sr().uuid());
            if (s.storage().vdiExists(disk.vdiUuid())) {
                s.devices().destroyVdi(disk.vdiUuid());
            }
            return new Outcome(disk.vdiUuid(), a.get().id());
        }
        s.devices().destroyVdi(disk.vdiUuid());
        return new Outcome(disk.vdiUuid(), Outcome.XAPI);
    }

    private Optional<StorageAdapter> adapter(Sr sr, Operation op) {
        return adapters.forSr(sr).filter(a -> a.capabilities().offloads(op));
    }

    /** One array step under a new uuid. */
    @FunctionalInterface
    interface ArrayStep {
        void run(StorageAdapter adapter, String newVdiUuid) throws StorageFailure;
    }

    /** xapi's own operation; returns the new VDI's uuid. */
    @FunctionalInterface
    interface XapiStep {
        String run() throws XenFailure;
    }

    private Outcome make(PoolSession s, Sr sr, Operation op, ArrayStep step, XapiStep fallback, String name,
            String description, Map<String, String> otherConfig) throws XenFailure, StorageFailure {
        Optional<StorageAdapter> a = adapter(sr, op);
        if (a.isPresent()) {
            String uuid = UUID.randomUUID().toString();
            if (runOnArray(a.get(), step, uuid)) {
                learn(s, sr, a.get(), uuid, name, description, otherConfig);
                return new Outcome(uuid, a.get().id());
            }
        }
        return new Outcome(fallback.run(), Outcome.XAPI);
    }

    /** True when the array made it; false when it failed before changing anything (xapi then does it). */
    private static boolean runOnArray(StorageAdapter a, ArrayStep step, String uuid) throws StorageFailure {
        try {
            step.run(a, uuid);
            return true;
        } catch (StorageFailure f) {
            if (f.changed()) {
                removeFromArray(a, uuid);
                throw f;
            }
            LOG.warn("{} did not offload disk {} and changed nothing ({}); xapi does it", a.id(), uuid,
                    f.getMessage());
            return false;
        }
    }

    private static void learn(PoolSession s, Sr sr, StorageAdapter a, String uuid, String name, String description,
            Map<String, String> otherConfig) throws XenFailure, StorageFailure {
        try {
            s.storage().scanSr(sr.uuid());
            if (!s.storage().vdiExists(uuid)) {
                throw new StorageFailure(a.id(), true, "SR.scan of " + sr.uuid() + " did not find disk " + uuid);
            }
            Map<String, String> oc = new TreeMap<>(otherConfig);
            oc.put(OFFLOAD_KEY, a.id());
            s.fields().set(FieldOps.Target.VDI, uuid, "name_label", name);
            s.fields().set(FieldOps.Target.VDI, uuid, "name_description", description);
            for (Map.Entry<String, String> e : oc.entrySet()) {
                putOtherConfig(s, uuid, e.getKey(), e.getValue());
            }
        } catch (XenFailure | StorageFailure | RuntimeException e) {
            undo(s, sr, a, uuid);
            throw e;
        }
    }

    /** VDI.add_to_other_config; a key the scan already set is replaced (remove, then add). */
    private static void putOtherConfig(PoolSession s, String uuid, String key, String value) throws XenFailure {
        try {
            s.fields().addToMap(FieldOps.Target.VDI, uuid, "other_config", key, value);
        } catch (XenFailure e) {
            if (!"MAP_DUPLICATE_KEY".equals(e.code())) {
                throw e;
            }
            s.fields().removeFromMap(FieldOps.Target.VDI, uuid, "other_config", key);
            s.fields().addToMap(FieldOps.Target.VDI, uuid, "other_config", key, value);
        }
    }

    /** Removes the array object, then scans so xapi forgets the VDI; destroys it through xapi if still there. */
    private static void undo(PoolSession s, Sr sr, StorageAdapter a, String uuid) {
        removeFromArray(a, uuid);
        try {
            s.storage().scanSr(sr.uuid());
            if (s.storage().vdiExists(uuid)) {
                s.devices().destroyVdi(uuid);
            }
        } catch (XenFailure | RuntimeException e) {
            LOG.warn("after a failed offload, xapi could not forget disk {} of SR {}: {}", uuid, sr.uuid(),
                    e.getMessage());
        }
    }

    private static void removeFromArray(StorageAdapter a, String uuid) {
        try {
            if (a.holds(uuid)) {
                a.delete(uuid);
            }
        } catch (StorageFailure | RuntimeException e) {
            LOG.warn("{} could not remove disk {} after a failed offload: {}", a.id(), uuid, e.getMessage());
        }
    }
}
