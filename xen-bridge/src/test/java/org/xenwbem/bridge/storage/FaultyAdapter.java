package org.xenwbem.bridge.storage;

/**
 * An adapter that fails one operation on purpose: before touching the array ({@code changed} false),
 * or after the array did it ({@code changed} true: the real work is done, then the failure is thrown).
 */
final class FaultyAdapter implements StorageAdapter {
    private final StorageAdapter real;
    volatile String failOp;
    volatile boolean afterChange;

    FaultyAdapter(StorageAdapter real) {
        this.real = real;
    }

    private void maybeFail(String op, boolean after) throws StorageFailure {
        if (op.equals(failOp) && after == afterChange) {
            failOp = null;
            throw new StorageFailure(real.id(), after, "injected fault at " + op);
        }
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public Capabilities capabilities() {
        return real.capabilities();
    }

    @Override
    public void create(String vdiUuid, long size) throws StorageFailure {
        maybeFail("create", false);
        real.create(vdiUuid, size);
        maybeFail("create", true);
    }

    @Override
    public void clone(String srcVdiUuid, String newVdiUuid) throws StorageFailure {
        maybeFail("clone", false);
        real.clone(srcVdiUuid, newVdiUuid);
        maybeFail("clone", true);
    }

    @Override
    public void snapshot(String vdiUuid, String snapVdiUuid) throws StorageFailure {
        maybeFail("snapshot", false);
        real.snapshot(vdiUuid, snapVdiUuid);
        maybeFail("snapshot", true);
    }

    @Override
    public void resize(String vdiUuid, long size) throws StorageFailure {
        maybeFail("resize", false);
        real.resize(vdiUuid, size);
    }

    @Override
    public void delete(String vdiUuid) throws StorageFailure {
        real.delete(vdiUuid);
    }

    @Override
    public boolean holds(String vdiUuid) throws StorageFailure {
        return real.holds(vdiUuid);
    }

    @Override
    public SpaceReport space() throws StorageFailure {
        return real.space();
    }
}
