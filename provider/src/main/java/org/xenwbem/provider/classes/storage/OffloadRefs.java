package org.xenwbem.provider.classes.storage;

import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.storage.SrDisk;

/**
 * The offload layer's view of an SR and a disk ({@link SrDisk}), built from the mirror: the SR's type
 * and its PBDs' device-config (the same on every host of a shared SR), the disk's name, description
 * and other-config, which an array clone inherits as xapi's VDI.clone would have it.
 */
public final class OffloadRefs {
    private OffloadRefs() {
    }

    public static SrDisk.Sr sr(PoolSnapshot s, SrRecord sr) {
        Map<String, String> dc = s.pbds().stream().filter(p -> p.srUuid().equals(sr.uuid())).findFirst()
                .map(PbdRecord::deviceConfig).orElse(Map.of());
        return new SrDisk.Sr(sr.uuid(), sr.type(), dc);
    }

    public static Optional<SrDisk.Disk> disk(PoolSnapshot s, VdiRecord v) {
        return s.sr(v.srUuid()).map(sr -> new SrDisk.Disk(v.uuid(), sr(s, sr), v.nameLabel(), v.nameDescription(),
                v.otherConfig()));
    }

    /** The job's StoragePath for an outcome: {@code offload:<adapter>} or {@code xapi:<operation>}. */
    public static String path(SrDisk.Outcome o, String xapiOperation) {
        return o.offloaded() ? "offload:" + o.path() : "xapi:" + xapiOperation;
    }
}
