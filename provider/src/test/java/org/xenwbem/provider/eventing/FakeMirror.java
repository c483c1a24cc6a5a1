package org.xenwbem.provider.eventing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.PoolSnapshot;

/** A mirror whose snapshots the test publishes. */
final class FakeMirror implements PoolMirror {
    private final List<Consumer<PoolSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile PoolSnapshot current;

    FakeMirror(PoolSnapshot initial) {
        current = initial;
    }

    void publish(PoolSnapshot s) {
        current = s;
        listeners.forEach(l -> l.accept(s));
    }

    int listeners() {
        return listeners.size();
    }

    @Override
    public PoolSnapshot current() {
        return current;
    }

    @Override
    public boolean awaitInitialSync(Duration timeout) {
        return true;
    }

    @Override
    public void addListener(Consumer<PoolSnapshot> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<PoolSnapshot> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
    }
}
