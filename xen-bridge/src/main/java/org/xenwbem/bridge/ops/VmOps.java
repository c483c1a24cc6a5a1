package org.xenwbem.bridge.ops;

import java.util.List;
import java.util.Map;

/** VM lifecycle and configuration, by VM uuid. */
public interface VmOps {
    /**
     * The power calls that take only the VM: {@code Async.VM.<name in lower case>}, e.g.
     * {@code CLEAN_SHUTDOWN} is {@code VM.clean_shutdown}. Start and resume leave the VM running, not
     * paused, and do not force.
     */
    enum Power {
        START, CLEAN_SHUTDOWN, HARD_SHUTDOWN, CLEAN_REBOOT, HARD_REBOOT, SUSPEND, RESUME, PAUSE, UNPAUSE;

        /** The xapi message name, e.g. {@code clean_shutdown}. */
        public String xapiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One of the {@link Power} calls on {@code vm}, as a task. */
    Operation power(Power call, String vm) throws XenFailure;

    Operation startOn(String vm, String host) throws XenFailure;

    /** VM.clone: the new VM's uuid is the operation's result. */
    Operation cloneVm(String vm, String name) throws XenFailure;

    /** VM.copy to an SR (a full disk copy). */
    Operation copy(String vm, String name, String sr) throws XenFailure;

    /** VM.provision: creates the disks a template's other_config:disks describes. */
    Operation provision(String vm) throws XenFailure;

    Operation snapshot(String vm, String name) throws XenFailure;

    /**
     * VM.snapshot leaving out the disks {@code ignoreVdis} (uuids): the snapshot record gets no VBD for
     * them (xapi 8.3's {@code ignore_vdis}; an older xapi answers MESSAGE_PARAMETER_COUNT_MISMATCH).
     */
    Operation snapshot(String vm, String name, List<String> ignoreVdis) throws XenFailure;

    Operation checkpoint(String vm, String name) throws XenFailure;

    Operation revert(String snapshot) throws XenFailure;

    Operation poolMigrate(String vm, String host, boolean live) throws XenFailure;

    /** VM.create from a record of XenAPI fields (datamodel names); returns the uuid. */
    String create(Map<String, Object> record) throws XenFailure;

    /**
     * A halted VM named {@code name} made by VM.create from {@code vm}'s record as VM.clone copies it
     * (xapi's {@code copy_vm_record}): every field the constructor takes, other-config without
     * {@code default_template} and {@code mac_seed} (the new VM gets its own), not a template, halted,
     * no suspend image. No disk, drive or interface: the caller adds them. Returns the new VM's uuid.
     */
    String createFrom(String vm, String name) throws XenFailure;

    void destroy(String vm) throws XenFailure;

    /** Sets a scalar field through its XenAPI setter, e.g. {@code set("name_label", "x")}. */
    void set(String vm, String field, Object value) throws XenFailure;

    void setMemoryLimits(String vm, long staticMin, long staticMax, long dynamicMin, long dynamicMax) throws XenFailure;

    void setVcpus(String vm, long max, long atStartup) throws XenFailure;

    /**
     * {@code VM.add_to_xenstore_data}: a key the guest reads from its xenstore (under
     * {@code /local/domain/<domid>/}); MAP_DUPLICATE_KEY when the key exists.
     */
    void addToXenstoreData(String vm, String key, String value) throws XenFailure;

    /** {@code VM.remove_from_xenstore_data}; removing an absent key is not an error. */
    void removeFromXenstoreData(String vm, String key) throws XenFailure;

    void assertCanBootHere(String vm, String host) throws XenFailure;

    List<String> possibleHosts(String vm) throws XenFailure;

    /**
     * Storage XenMotion (xenapi.md §3.3): {@code host.migrate_receive} on the destination's
     * management network, then {@code VM.migrate_send} (live). {@code vdiMap}: VDI uuid → SR uuid for
     * each disk to move; {@code vifMap}: VIF uuid → network uuid (empty keeps the networks).
     */
    Operation migrateSend(String vm, String host, Map<String, String> vdiMap, Map<String, String> vifMap)
            throws XenFailure;

    /** {@code VM.assert_can_migrate} for the same arguments as {@link #migrateSend}. */
    void assertCanMigrate(String vm, String host, Map<String, String> vdiMap, Map<String, String> vifMap)
            throws XenFailure;
}
