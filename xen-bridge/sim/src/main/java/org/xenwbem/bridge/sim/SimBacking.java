package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Where one SR keeps its VDIs' bytes, as an SM driver does: {@link SimFileBacking} (sparse raw files,
 * for nfs, ext, file, smb, iso, and the block types whose LUN the simulator does not own) or
 * {@link SimRbdBacking} (an RBD image per VDI in a Ceph pool). Every method does real I/O and may be
 * slow; callers run it outside the database monitor where they can.
 */
interface SimBacking {
    /** Checks the back end answers and writes the SR's marker (its uuid and identity) there. */
    void attach(String srUuid, String identity) throws IOException;

    /** The uuid of the SR whose marker is at this location, if one is. */
    Optional<String> srUuid() throws IOException;

    /** Removes the SR's marker (SR.destroy, after every VDI is gone). */
    void detachForever() throws IOException;

    /** Makes an empty (zero-filled, thin) VDI of {@code size} bytes; an existing one is replaced. */
    void create(String vdiUuid, long size) throws IOException;

    /** Deletes the VDI's bytes; nothing happens when there are none. */
    void delete(String vdiUuid) throws IOException;

    /** Grows the VDI to {@code size} bytes (never shrinks). */
    void resize(String vdiUuid, long size) throws IOException;

    /** Bytes the VDI occupies in the back end (allocated blocks, not its virtual size). */
    long allocated(String vdiUuid) throws IOException;

    /** {@link #allocated} of every VDI present, in as few calls to the back end as it allows. */
    default Map<String, Long> allocatedAll() throws IOException {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String uuid : list().keySet()) {
            out.put(uuid, allocated(uuid));
        }
        return out;
    }

    /** The VDIs present: uuid → virtual size in bytes (what SR.scan reads). */
    Map<String, Long> list() throws IOException;

    /** Streams exactly {@code length} bytes of the VDI (zeros past its end). */
    void read(String vdiUuid, long length, OutputStream out) throws IOException;

    /** Replaces the VDI's content with {@code data}, at most {@code limit} bytes; returns the bytes written. */
    long write(String vdiUuid, InputStream data, long limit) throws IOException;

    /**
     * Keeps a VDI's name and description with its bytes (as SM's SR metadata keeps them), so that a
     * forgotten SR introduced again lists its disks by name.
     */
    void describe(String vdiUuid, String name, String description) throws IOException;

    /** {@link #describe} for a VDI just created (nothing to remove). */
    default void describeNew(String vdiUuid, String name, String description) throws IOException {
        describe(vdiUuid, name, description);
    }

    /** The name and description kept by {@link #describe}: {@code [name, description]}, empty strings if none. */
    String[] description(String vdiUuid) throws IOException;

    /** Total bytes of the back end's space, or -1 when it cannot tell. */
    long capacity() throws IOException;

    /**
     * Drops the name record kept beside a disk whose bytes vanished behind xapi's back (SR.scan
     * forgets the VDI); nothing to do where the record lives in the object itself (RBD image-meta).
     */
    default void forgetDescription(String vdiUuid) throws IOException {
    }
}
