/**
 * The storage family (DSP1041 Resource Allocation, DSP1047 Storage Resource Virtualization, DSP1043
 * Allocation Capabilities; anchor §4.3, §4.7 and §5.6): {@code Xen_StoragePool}, {@code Xen_DiskImage},
 * the {@code Xen_StoragePoolManagementService} per host, the storage allocation capabilities and their
 * ranges, and the associations tying pools to hosts, disk images and the VMs' disks.
 */
package org.xenwbem.provider.classes.storage;
