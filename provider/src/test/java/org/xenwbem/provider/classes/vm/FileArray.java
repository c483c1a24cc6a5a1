package org.xenwbem.provider.classes.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xenwbem.bridge.storage.Capabilities;
import org.xenwbem.bridge.storage.SpaceReport;
import org.xenwbem.bridge.storage.StorageAdapter;
import org.xenwbem.bridge.storage.StorageFailure;

/**
 * A test "array" over a simulated SR's directory: a clone is a new sparse file of the source's size.
 * It counts its clones and records its deletes; {@link #fails} makes its clones fail (having changed
 * something, so the offload layer does not fall back to xapi).
 */
final class FileArray implements StorageAdapter {
    private final Path srDir;
    volatile boolean fails;
    volatile int cloned;
    volatile int cloneCalls;
    final List<String> deleted = new CopyOnWriteArrayList<>();

    FileArray(Path srDir) {
        this.srDir = srDir;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(EnumSet.of(Capabilities.Operation.CLONE, Capabilities.Operation.SNAPSHOT,
                Capabilities.Operation.DELETE), true, "test array");
    }

    @Override
    public void create(String vdiUuid, long size) throws StorageFailure {
        throw new StorageFailure(id(), false, "not offered");
    }

    @Override
    public void clone(String src, String dst) throws StorageFailure {
        cloneCalls++;
        if (fails) {
            // "changed": the array may have made something, so the offload layer does not fall back to xapi
            throw new StorageFailure(id(), true, "injected at the array");
        }
        try (RandomAccessFile f = new RandomAccessFile(srDir.resolve(dst + ".raw").toFile(), "rw")) {
            f.setLength(Files.size(srDir.resolve(src + ".raw")));
            cloned++;
        } catch (IOException e) {
            throw new StorageFailure(id(), true, e.getMessage(), e);
        }
    }

    @Override
    public void snapshot(String src, String dst) throws StorageFailure {
        clone(src, dst);
    }

    @Override
    public void resize(String vdiUuid, long size) throws StorageFailure {
        throw new StorageFailure(id(), false, "not offered");
    }

    @Override
    public void delete(String vdiUuid) throws StorageFailure {
        deleted.add(vdiUuid);
        try {
            Files.deleteIfExists(srDir.resolve(vdiUuid + ".raw"));
        } catch (IOException e) {
            throw new StorageFailure(id(), false, e.getMessage(), e);
        }
    }

    @Override
    public boolean holds(String vdiUuid) {
        return Files.exists(srDir.resolve(vdiUuid + ".raw"));
    }

    @Override
    public SpaceReport space() throws StorageFailure {
        throw new StorageFailure(id(), false, "not offered");
    }
}
