/**
 * Array offload: disk create, clone, snapshot, resize and delete done by the storage back-end
 * itself, then made known to xapi (SR.scan, then the VDI's fields as XenAPI's own VDI.clone sets
 * them). One {@link org.xenwbem.bridge.storage.StorageAdapter} per back-end:
 * <ul>
 * <li>Ceph RBD: snapshot and COW clone (v2, unprotected, where the cluster's
 *     {@code require-min-compat-client} allows) through librbd's C API in-process
 *     ({@code rados_create}, {@code rados_connect}, {@code rbd_snap_create}, {@code rbd_clone3}; JNA),
 *     or through the {@code rbd} CLI ({@code --format json}), which also does protect, flatten,
 *     resize, delete and {@code rbd du};</li>
 * <li>file SRs on a reflink file system (XFS {@code reflink=1}, btrfs): Linux {@code FICLONE}
 *     ({@code ioctl_ficlone(2)}) of {@code <mount>/<vdi-uuid>.<ext>};</li>
 * <li>NetApp ONTAP REST: file clone {@code POST /api/storage/file/clone} (sis clone), job polling
 *     {@code GET /api/cluster/jobs/{uuid}}, Snapshot copies {@code POST /api/storage/volumes/{uuid}/snapshots},
 *     the volume's {@code space} and efficiency figures;</li>
 * <li>otherwise xapi's own {@code VDI.clone}, {@code VDI.snapshot}, {@code VDI.create}, {@code VDI.resize},
 *     {@code VDI.destroy} (XenAPI), unchanged.</li>
 * </ul>
 * Array credentials come from {@code /etc/xenwbem/arrays.conf} (root-owned, not readable by group or
 * other), live in memory only and never reach a log.
 */
package org.xenwbem.bridge.storage;
