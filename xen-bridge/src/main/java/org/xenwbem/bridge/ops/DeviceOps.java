package org.xenwbem.bridge.ops;

import java.util.List;

/** Disks, drives and network interfaces of VMs. */
public interface DeviceOps {
    /** VDI.create; returns its uuid. {@code type} is a vdi_type such as "user" or "system". */
    String createVdi(String sr, String name, long virtualSize, String type, boolean sharable, boolean readOnly)
            throws XenFailure;

    void destroyVdi(String vdi) throws XenFailure;

    void resizeVdi(String vdi, long size) throws XenFailure;

    /**
     * VBD.create; {@code vdi} may be null for an empty CD drive. {@code type} is Disk, CD or
     * Floppy; {@code mode} RO or RW. Returns its uuid.
     */
    String createVbd(String vm, String vdi, String userdevice, boolean bootable, String mode, String type)
            throws XenFailure;

    void destroyVbd(String vbd) throws XenFailure;

    void plugVbd(String vbd) throws XenFailure;

    void unplugVbd(String vbd) throws XenFailure;

    /** VIF.create; {@code mac} may be empty for a generated address. Returns its uuid. */
    String createVif(String vm, String network, String device, String mac) throws XenFailure;

    void destroyVif(String vif) throws XenFailure;

    void plugVif(String vif) throws XenFailure;

    /**
     * A VM's drives as xapi has them now (not as a mirror last saw them): for tearing down what a
     * failed method created, and for picking free device numbers right after a clone.
     */
    record Drive(String vbd, String type, String userdevice, String vdi, boolean vdiSharable, int vdiUsers) {
    }

    /** The VM's VBDs read from xapi; {@code vdi} is null for an empty drive. */
    List<Drive> drivesOf(String vm) throws XenFailure;

    /** The device numbers of the VM's VIFs, read from xapi. */
    List<String> vifDevicesOf(String vm) throws XenFailure;
}
