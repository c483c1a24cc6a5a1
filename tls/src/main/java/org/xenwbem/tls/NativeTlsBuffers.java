package org.xenwbem.tls;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.conscrypt.AllocatedBuffer;
import org.conscrypt.BufferAllocator;
import org.conscrypt.Conscrypt;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conscrypt's per-connection copy buffers, given back when the connection ends instead of when the
 * garbage collector finds the engine (issue #15 item 1: the reconnect loads).
 *
 * <p>Measured (FootprintBenchmark, a new TLS connection per request from 4 clients on the 1,000-VM
 * daemon): NMT's "other" (direct buffers) rose from 2.5 to 8.5 MB; a class histogram under that load
 * counted about 200 Conscrypt engines (4 of them open), each holding a 16 KB direct buffer. A wrap of
 * several buffers (Jetty's header and body) or of a heap buffer copies through a direct buffer the
 * engine makes on first use and keeps for its life; and the engine has a finalizer, so it and its
 * buffer outlive at least two collections, often into the old generation. (BoringSSL's own connection
 * is freed when both directions are closed: after a clean close they are, by Jetty or by the listener
 * below; after an abrupt one the close_notify left unsent keeps the outbound side open, and that
 * connection still waits for the engine's finalizer.)
 *
 * <p>So: {@link #CLOSER}, a listener on every TLS connection, takes the engine's copy buffer back into
 * {@link #POOL} when the connection has closed, and the next engine gets it ({@link #lend}); the
 * heap-buffer paths borrow from the same pool for one wrap or unwrap ({@link Pool} is Conscrypt's
 * {@link BufferAllocator} for every engine). The copy buffer is a private field of Conscrypt's engine
 * ({@code lazyDirectBuffer}, Conscrypt 2.5.2, the version the build names): it is read and set by
 * reflection under the engine's own lock (the one its wrap and unwrap hold), after both directions
 * are closed (a no-op when Jetty has closed them), so no wrap is using it when it moves and none can
 * use it after. Where the fields are not found (another Conscrypt) the buffers are left to the
 * collector as before, and {@code NativeTlsBuffersTest} fails to say so. The JDK's engine is left alone.
 */
final class NativeTlsBuffers {
    /** Conscrypt's own size for its copy buffer: the larger of a TLS record's plaintext and its packet. */
    static final int SIZE = 16709;
    /** Buffers kept for reuse: as many as the HTTP threads that could be in an engine at once. */
    static final int KEPT = 32;

    /** The copy buffers, lent for one wrap or unwrap (Conscrypt's allocator) or for a connection's life. */
    static final Pool POOL = new Pool(KEPT);
    private static final Logger LOG = LoggerFactory.getLogger(NativeTlsBuffers.class);
    private static final Internals INTERNALS = Internals.find();

    /** Takes a finished connection's copy buffer back from its Conscrypt engine. */
    static final Connection.Listener CLOSER = new Connection.Listener() {
        @Override
        public void onClosed(Connection connection) {
            if (connection instanceof SslConnection ssl) {
                release(ssl.getSSLEngine());
            }
        }
    };

    private NativeTlsBuffers() {
    }

    /**
     * Makes a new Conscrypt engine borrow its copy buffers from the pool: per wrap or unwrap of a heap
     * buffer, and, when the pool has one free, its own copy buffer for its life.
     */
    static void lend(SSLEngine engine) {
        if (!Conscrypt.isConscrypt(engine)) {
            return;
        }
        Conscrypt.setBufferAllocator(engine, POOL);
        if (INTERNALS != null) {
            ByteBuffer b = POOL.takeFree();
            if (b != null) {
                if (INTERNALS.give(engine, b)) {
                    POOL.reused();
                } else {
                    POOL.giveBack(b);
                }
            }
        }
    }

    /**
     * Closes both directions of a Conscrypt engine whose connection has ended (if Jetty has not) and
     * takes its copy buffer back into the pool.
     */
    static void release(SSLEngine engine) {
        if (engine == null || !Conscrypt.isConscrypt(engine)) {
            return;
        }
        if (INTERNALS == null) {
            closeBoth(engine);
            return;
        }
        ByteBuffer copy = INTERNALS.closeAndTake(engine);
        if (copy != null) {
            POOL.giveBack(copy);
        }
    }

    private static void closeBoth(SSLEngine engine) {
        engine.closeOutbound();
        try {
            engine.closeInbound();
        } catch (SSLException ignored) {
            // the peer sent no close_notify: the connection has ended all the same
        }
    }

    /** Whether the engine's copy buffer is reached (Conscrypt 2.5.2's fields were found). */
    static boolean reachesCopyBuffers() {
        return INTERNALS != null;
    }

    /**
     * Conscrypt's engine fields: the wrapper's {@code delegate} (the engine Jetty sees wraps the real one),
     * the engine's {@code ssl} (its lock) and {@code lazyDirectBuffer} (its copy buffer).
     */
    private record Internals(Class<?> wrapper, Field delegate, Field ssl, Field copy) {
        static Internals find() {
            try {
                Class<?> wrapper = Class.forName("org.conscrypt.Java8EngineWrapper");
                Class<?> engine = Class.forName("org.conscrypt.ConscryptEngine");
                Field delegate = wrapper.getDeclaredField("delegate");
                Field ssl = engine.getDeclaredField("ssl");
                Field copy = engine.getDeclaredField("lazyDirectBuffer");
                if (!engine.isAssignableFrom(delegate.getType()) || copy.getType() != ByteBuffer.class) {
                    throw new NoSuchFieldException("Conscrypt's engine fields changed");
                }
                delegate.setAccessible(true);
                ssl.setAccessible(true);
                copy.setAccessible(true);
                return new Internals(wrapper, delegate, ssl, copy);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.debug("Conscrypt's engine copy buffers are left to the collector: {}", e.toString());
                return null;
            }
        }

        private Object engine(SSLEngine e) throws IllegalAccessException {
            return wrapper.isInstance(e) ? delegate.get(e) : e;
        }

        /** Sets a new engine's copy buffer, if it has none yet; false if it had one. */
        boolean give(SSLEngine e, ByteBuffer b) {
            try {
                Object engine = engine(e);
                synchronized (ssl.get(engine)) {
                    if (copy.get(engine) != null) {
                        return false;
                    }
                    copy.set(engine, b);
                    return true;
                }
            } catch (IllegalAccessException | RuntimeException x) {
                return false;
            }
        }

        /** Closes both directions and takes the copy buffer, under the lock the engine's wrap and unwrap hold. */
        ByteBuffer closeAndTake(SSLEngine e) {
            try {
                Object engine = engine(e);
                synchronized (ssl.get(engine)) {
                    closeBoth(e);
                    ByteBuffer b = (ByteBuffer) copy.get(engine);
                    copy.set(engine, null);
                    return b != null && b.isDirect() && b.capacity() == SIZE ? b : null;
                }
            } catch (IllegalAccessException | RuntimeException x) {
                closeBoth(e);
                return null;
            }
        }
    }

    /**
     * At most {@code kept} direct buffers of {@link #SIZE} bytes, handed out cleared; one asked for while
     * none is free is made, and one given back when {@code kept} are already free is left to the collector.
     * A buffer smaller than asked is what Conscrypt's own copy buffer is too: it copies one record at a time.
     */
    static final class Pool extends BufferAllocator {
        private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
        private final int kept;
        private long made;
        private long reused;

        Pool(int kept) {
            this.kept = kept;
        }

        @Override
        public AllocatedBuffer allocateDirectBuffer(int capacity) {
            ByteBuffer b;
            synchronized (free) {
                b = free.pollFirst();
                if (b == null) {
                    made++;
                }
            }
            if (b == null) {
                b = ByteBuffer.allocateDirect(SIZE);
            }
            b.clear();
            return new Lent(b);
        }

        /** A free buffer, or null: never makes one. */
        ByteBuffer takeFree() {
            synchronized (free) {
                return free.pollFirst();
            }
        }

        void giveBack(ByteBuffer b) {
            synchronized (free) {
                if (free.size() < kept) {
                    free.addFirst(b);
                }
            }
        }

        private void reused() {
            synchronized (free) {
                reused++;
            }
        }

        /** Engines that got a copy buffer another engine had given back (a figure for tests). */
        long reusedCopies() {
            synchronized (free) {
                return reused;
            }
        }

        /** Buffers made since the start (a figure for tests: stays small however many connections come and go). */
        long made() {
            synchronized (free) {
                return made;
            }
        }

        int free() {
            synchronized (free) {
                return free.size();
            }
        }

        /** One loan: given back once, whatever Conscrypt does after. */
        private final class Lent extends AllocatedBuffer {
            private ByteBuffer buffer;

            Lent(ByteBuffer buffer) {
                this.buffer = buffer;
            }

            @Override
            public ByteBuffer nioBuffer() {
                ByteBuffer b = buffer;
                if (b == null) {
                    throw new IllegalStateException("buffer already given back");
                }
                return b;
            }

            @Override
            public AllocatedBuffer release() {
                ByteBuffer b = buffer;
                buffer = null;
                if (b != null) {
                    giveBack(b);
                }
                return this;
            }
        }
    }
}
