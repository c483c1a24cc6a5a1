/**
 * The virtual machine family: {@code Xen_ComputerSystem} (DSP1052 Computer System, DSP1057 Virtual System),
 * its settings (VSSD for VMs, templates and snapshots; the RASDs of DSP1041 Resource Allocation, DSP1043
 * Memory, DSP1022 CPU, DSP1047 Storage, DSP1050 Ethernet Port), its devices and consoles, guest
 * key/value pairs ({@code Xen_KVP}, {@code Xen_KVPSettingData}; anchor §10, kept here because they are
 * RASDs of the VM's VSSD and edited by the VSMS methods), the associations among them, and the
 * extrinsic methods: {@code Xen_VirtualSystemManagementService} (DSP1042; anchor §5.1),
 * {@code Xen_ComputerSystem.RequestStateChange} (anchor §5.2), migration (DSP1081; anchor §5.4) and
 * snapshots (DSP1044; anchor §5.5). The anchor's VM path formats live in
 * {@link org.xenwbem.provider.classes.vm.VmRefs}.
 */
package org.xenwbem.provider.classes.vm;
