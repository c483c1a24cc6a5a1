/**
 * The storage family (DSP1041 Resource Allocation, DSP1047 Storage Resource Virtualization; anchor §4.3
 * and §5.6): {@code Xen_StoragePool} and {@code Xen_DiskImage}, and for now the other resource pools
 * of the host ({@code Xen_MemoryPool}, {@code Xen_ProcessorPool}, {@code Xen_NetworkConnectionPool})
 * and the suspend image {@code Xen_MemoryState}, which share their mapping.
 */
package org.xenwbem.provider.classes.storage;
