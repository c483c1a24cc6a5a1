package org.xenwbem.provider.classes.vm;

import org.xenwbem.bridge.VmRecord;

/**
 * Which of the anchor's three VSSD classes describes a XenAPI VM: its current settings (VMs and
 * dom0s), a template, or a snapshot. xapi marks snapshots as templates too; a snapshot is only ever
 * a {@code Xen_ComputerSystemSnapshot} here (the anchor listed it under both classes).
 */
public enum VmKind {
    SETTINGS("Xen_ComputerSystemSettingData", "Active Settings of a Xen virtual machine", "Domain"),
    TEMPLATE("Xen_ComputerSystemTemplate", "Template for a Xen virtual machine", "Template"),
    SNAPSHOT("Xen_ComputerSystemSnapshot", "Settings for a Snapshot of a Xen virtual machine", "Snapshot");

    private final String cimClass;
    private final String caption;
    private final String rasdWord;

    VmKind(String cimClass, String caption, String rasdWord) {
        this.cimClass = cimClass;
        this.caption = caption;
        this.rasdWord = rasdWord;
    }

    public static VmKind of(VmRecord vm) {
        if (vm.isASnapshot()) {
            return SNAPSHOT;
        }
        return vm.isATemplate() ? TEMPLATE : SETTINGS;
    }

    /** The VSSD class of this kind. */
    public String cimClass() {
        return cimClass;
    }

    /** The anchor's VSSD Caption for this kind. */
    String caption() {
        return caption;
    }

    /** The anchor's RASD Caption, e.g. "Xen Template Memory Setting Data". */
    String rasdCaption(String resource) {
        return "Xen " + rasdWord + " " + resource + " Setting Data";
    }
}
