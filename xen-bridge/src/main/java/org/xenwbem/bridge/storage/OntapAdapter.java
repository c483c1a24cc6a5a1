package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.xenwbem.bridge.storage.Capabilities.Operation;
import org.xenwbem.bridge.storage.OntapRest.Answer;

/**
 * An NFS SR on a NetApp ONTAP volume: disk {@code U} is the file {@code <sr dir>/U.<ext>} in the
 * volume; a clone or a snapshot is an ONTAP file clone ({@code POST /api/storage/file/clone}, the sis
 * clone: blocks shared until written), a delete is {@code DELETE /api/storage/volumes/{uuid}/files/{path}}
 * (ONTAP 9.8 and later), the space is the volume's {@code space} with the savings ONTAP reports
 * ({@code logical_space.used} less {@code used}). New and grown disks stay with xapi, which writes
 * their VHD headers. Built from NetApp's public REST documentation; it has met only a fake of it.
 */
final class OntapAdapter extends AdapterBase {
    static final String ID = "ontap";

    private final OntapRest rest;
    private final String svm;
    private final String volumeName;
    private final String srPathOnServer;
    private final String srUuid;
    private final String ext;
    private volatile Volume volume;

    /** The volume as ONTAP names it. */
    record Volume(String uuid, String junction) {
    }

    /**
     * @param srPathOnServer the SR's NFS export path ({@code serverpath}); the SR's directory is
     *                       {@code <serverpath>/<sr uuid>} as xapi's NFS SR makes it
     */
    OntapAdapter(OntapRest rest, String svm, String volumeName, String srPathOnServer, String srUuid, String ext) {
        super(ID);
        this.rest = rest;
        this.svm = svm;
        this.volumeName = volumeName;
        this.srPathOnServer = srPathOnServer;
        this.srUuid = srUuid;
        this.ext = ext;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(EnumSet.of(Operation.CLONE, Operation.SNAPSHOT, Operation.DELETE, Operation.SPACE), true,
                "NetApp ONTAP volume " + volumeName + " (SVM " + svm + "): file clones");
    }

    Volume volume() throws IOException, ArrayError {
        Volume v = volume;
        if (v == null) {
            Answer a = rest.get("/api/storage/volumes?name=" + OntapRest.query(volumeName) + "&svm.name="
                    + OntapRest.query(svm) + "&fields=uuid,nas.path");
            List<?> records = a.ok() && a.body().get("records") instanceof List<?> l ? l : List.of();
            if (records.isEmpty()) {
                throw new ArrayError("no volume " + volumeName + " on SVM " + svm + (a.ok() ? "" : ": "
                        + a.error()));
            }
            Map<?, ?> r = (Map<?, ?>) records.get(0);
            Object nas = r.get("nas") instanceof Map<?, ?> m ? m.get("path") : null;
            v = new Volume(String.valueOf(r.get("uuid")), nas == null ? "/" : nas.toString());
            volume = v;
        }
        return v;
    }

    /** The SR's directory relative to the volume's root. */
    String srDir() throws IOException, ArrayError {
        String junction = volume().junction();
        String export = srPathOnServer.startsWith(junction) ? srPathOnServer.substring(junction.length())
                : srPathOnServer;
        String dir = (export + "/" + srUuid).replaceAll("/+", "/");
        return dir.startsWith("/") ? dir.substring(1) : dir;
    }

    String path(String vdiUuid) throws IOException, ArrayError {
        return srDir() + "/" + vdiUuid + "." + ext;
    }

    @Override
    public void create(String vdiUuid, long size) throws StorageFailure {
        throw failure(false, "disks are created by xapi on ONTAP NFS SRs");
    }

    @Override
    public void resize(String vdiUuid, long size) throws StorageFailure {
        throw failure(false, "disks are resized by xapi on ONTAP NFS SRs");
    }

    @Override
    public void clone(String srcVdiUuid, String newVdiUuid) throws StorageFailure {
        String dst = null;
        try {
            Volume v = volume();
            String src = path(srcVdiUuid);
            dst = path(newVdiUuid);
            Answer a = rest.post("/api/storage/file/clone", Map.of("volume", Map.of("uuid", v.uuid(), "name", volumeName),
                    "source_path", src, "destination_path", dst, "overwrite_destination", false));
            if (!a.ok()) {
                throw new ArrayError(a.error());
            }
            rest.awaitJob(a);
        } catch (IOException | ArrayError e) {
            boolean left = dst != null && mayHold(newVdiUuid);
            throw failure(left, "file clone of disk " + srcVdiUuid, e);
        }
    }

    @Override
    public void delete(String vdiUuid) throws StorageFailure {
        try {
            Answer a = rest.delete("/api/storage/volumes/" + volume().uuid() + "/files/" + OntapRest.segment(path(vdiUuid)));
            if (a.status() == 404) {
                return;
            }
            if (!a.ok()) {
                throw new ArrayError(a.error());
            }
            rest.awaitJob(a);
        } catch (IOException | ArrayError e) {
            throw failure(mayHold(vdiUuid), "delete disk " + vdiUuid, e);
        }
    }

    @Override
    public boolean holds(String vdiUuid) throws StorageFailure {
        try {
            Answer a = rest.get("/api/storage/volumes/" + volume().uuid() + "/files/" + OntapRest.segment(path(vdiUuid))
                    + "?return_metadata=true");
            if (a.status() == 404) {
                return false;
            }
            if (!a.ok()) {
                throw new ArrayError(a.error());
            }
            return a.body().get("records") instanceof List<?> l && !l.isEmpty();
        } catch (IOException | ArrayError e) {
            throw failure(false, "look up disk " + vdiUuid, e);
        }
    }

    @Override
    public SpaceReport space() throws StorageFailure {
        try {
            Volume v = volume();
            Answer a = rest.get("/api/storage/volumes/" + v.uuid() + "?fields=space");
            if (!a.ok()) {
                throw new ArrayError(a.error());
            }
            Map<?, ?> space = a.body().get("space") instanceof Map<?, ?> m ? m : Map.of();
            long size = number(space.get("size"));
            long used = number(space.get("used"));
            OptionalLong savings = OptionalLong.empty();
            if (space.get("logical_space") instanceof Map<?, ?> logical && logical.get("used") instanceof Number lu) {
                savings = OptionalLong.of(Math.max(0, lu.longValue() - used));
            }
            return new SpaceReport(size, used, virtualAllocation(v), savings);
        } catch (IOException | ArrayError e) {
            throw failure(false, "space of volume " + volumeName, e);
        }
    }

    /** The sizes of the SR directory's disk files. */
    private long virtualAllocation(Volume v) throws IOException, ArrayError {
        Answer a = rest.get("/api/storage/volumes/" + v.uuid() + "/files/" + OntapRest.segment(srDir())
                + "?fields=name,type,size");
        long sum = 0;
        if (a.ok() && a.body().get("records") instanceof List<?> records) {
            for (Object o : records) {
                Map<?, ?> f = (Map<?, ?>) o;
                if ("file".equals(f.get("type")) && String.valueOf(f.get("name")).endsWith("." + ext)) {
                    sum += number(f.get("size"));
                }
            }
        }
        return sum;
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public String toString() {
        return "ontap " + rest + " volume " + volumeName;
    }
}
