package org.xenwbem.bridge.ops;

import java.util.List;
import java.util.Map;

/**
 * Storage repositories, their PBDs and the disk operations the storage fabric needs (XenAPI SR, PBD,
 * VDI and pool.set_default_SR). Everything is addressed by uuid; refs never leave this package.
 * Reads here go to xapi (not to a mirror): they serve decisions taken right before a write.
 */
public interface StorageOps {
    /** What SR.create needs; {@code host} is where the SR is created (every member gets a PBD when shared). */
    record SrSpec(String host, Map<String, String> deviceConfig, long physicalSize, String name, String description,
            String type, String contentType, boolean shared, Map<String, String> smConfig) {
        public SrSpec {
            deviceConfig = Map.copyOf(deviceConfig);
            smConfig = Map.copyOf(smConfig);
        }
    }

    /** Async.SR.create: the new SR's uuid is the operation's result. */
    Operation createSr(SrSpec spec) throws XenFailure;

    /** SR.probe: the XML xapi returns (the back-end's list of SRs, targets or LUNs the device-config leads to). */
    String probeSr(String host, Map<String, String> deviceConfig, String type, Map<String, String> smConfig)
            throws XenFailure;

    /** SR.introduce: makes a known SR (by its uuid on the storage) known to xapi again, without PBDs. */
    void introduceSr(String uuid, String name, String description, String type, String contentType, boolean shared,
            Map<String, String> smConfig) throws XenFailure;

    void destroySr(String sr) throws XenFailure;

    void forgetSr(String sr) throws XenFailure;

    void scanSr(String sr) throws XenFailure;

    /** pool.set_default_SR (also the pool's suspend-image and crash-dump SR, as xe pool-param-set does not). */
    void setDefaultSr(String sr) throws XenFailure;

    /** One PBD as xapi has it now. */
    record Pbd(String uuid, String host, boolean attached, Map<String, String> deviceConfig) {
    }

    /** The SR's PBDs, read from xapi. */
    List<Pbd> pbdsOf(String sr) throws XenFailure;

    /** PBD.create; returns its uuid. */
    String createPbd(String host, String sr, Map<String, String> deviceConfig) throws XenFailure;

    void plugPbd(String pbd) throws XenFailure;

    void unplugPbd(String pbd) throws XenFailure;

    void destroyPbd(String pbd) throws XenFailure;

    /** VDI.resize_online: grows a disk attached to a running VM. */
    void resizeVdiOnline(String vdi, long size) throws XenFailure;

    /** Async.VDI.clone (the SR back-end's own clone): the new VDI's uuid is the result. */
    Operation cloneVdi(String vdi) throws XenFailure;

    /** Async.VDI.snapshot: the snapshot VDI's uuid is the result. */
    Operation snapshotVdi(String vdi) throws XenFailure;

    /** Async.VDI.copy to an SR (a full copy): the new VDI's uuid is the result. */
    Operation copyVdi(String vdi, String sr) throws XenFailure;

    /** The uuids of the SR's VDIs, read from xapi (after a scan, to find a disk made behind xapi's back). */
    List<String> vdisOf(String sr) throws XenFailure;

    /** True when xapi knows a VDI with this uuid. */
    boolean vdiExists(String vdi) throws XenFailure;

    /** VDI.get_other_config, read from xapi (the mirror may not have seen a key just set). */
    Map<String, String> vdiOtherConfig(String vdi) throws XenFailure;
}
