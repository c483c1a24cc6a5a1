package org.xenwbem.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a rotated certificate without a restart: every period it reads the PEM the daemon serves
 * (xapi's {@code xapi-ssl.pem}, which {@code xe host-refresh-server-certificate} replaces, or
 * {@code --cert-pem}) and, when its bytes changed and hold a usable key and certificate, reloads
 * every server's {@link SslContextFactory} with it ({@link SslContextFactory#reload}): new
 * connections get the new certificate, connections already open keep theirs and go on working.
 * Content that is not a usable identity — a half-written file, a key that does not match — is
 * refused with one WARN and the old certificate stays; the file is read again at the next period,
 * so the finished file is taken up then.
 *
 * <p>A periodic check rather than a file watcher: xapi replaces the file by renaming a new one over
 * it, and inotify watches follow the old inode (a directory watch would do, but misses changes
 * under a symbolic link or a bind mount and drops events on overflow), whereas reading a 4 KiB file
 * and hashing it every few seconds cannot miss a change and costs nothing measurable. The compare
 * is by SHA-256 over the content, not by modification time, which a copy may preserve.
 */
public final class CertificateReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
    /** A PEM larger than this is not a server identity (xapi's is about 4 KiB). */
    static final int MAX_PEM_BYTES = 1 << 20;

    private final Path pem;
    private final List<SslContextFactory> factories;
    private final List<Consumer<ServerIdentity>> listeners = new CopyOnWriteArrayList<>();
    private volatile ServerIdentity current;
    /** SHA-256 of the content last read (empty: no file); null until the first check. */
    private byte[] lastSeen;
    private ScheduledExecutorService timer;

    /** Reloads {@code factories} from {@code pem}, which {@code initial} was read from; not started. */
    public CertificateReloader(Path pem, ServerIdentity initial, List<? extends SslContextFactory> factories) {
        this.pem = Objects.requireNonNull(pem, "pem");
        this.current = Objects.requireNonNull(initial, "initial");
        this.factories = List.copyOf(factories);
    }

    /** Also tells {@code listener} of each identity reloaded (after the servers serve it). */
    public CertificateReloader onReload(Consumer<ServerIdentity> listener) {
        listeners.add(listener);
        return this;
    }

    /** Checks every {@code period} on a daemon thread of its own. */
    public synchronized CertificateReloader start(Duration period) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "xenwbem-cert-reload");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, period.toMillis());
            timer.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The identity served now. */
    public ServerIdentity current() {
        return current;
    }

    /**
     * Reads the file once; reloads when its content changed and is usable.
     *
     * @return true when a new identity is served
     */
    public synchronized boolean check() {
        byte[] content = readOrNull();
        byte[] hash = digest(content);
        if (Arrays.equals(hash, lastSeen)) {
            return false;
        }
        lastSeen = hash;
        if (content == null) {
            LOG.warn("{} is gone or unreadable; still serving CN={} SHA-256 {}", pem, current.commonName(),
                    current.sha256Fingerprint());
            return false;
        }
        ServerIdentity next;
        try {
            next = PemIdentityReader.read(pem, content);
        } catch (TlsConfigException e) {
            LOG.warn("Not reloading {}: {}; still serving CN={} SHA-256 {}", pem, e.getMessage(),
                    current.commonName(), current.sha256Fingerprint());
            return false;
        }
        return serve(next);
    }

    private boolean serve(ServerIdentity next) {
        if (next.sha256Fingerprint().equals(current.sha256Fingerprint())) {
            return false;
        }
        for (SslContextFactory f : factories) {
            try {
                f.reload(factory -> TlsPolicy.serve(factory, next));
            } catch (Exception e) { // boundary: Jetty's reload declares Exception
                LOG.warn("Reloading the certificate of {} into a server failed: {}", pem, e.toString());
                return false;
            }
        }
        ServerIdentity previous = current;
        current = next;
        LOG.info("Reloaded {}: now serving CN={} SHA-256 {} (was {}); open connections keep the old one",
                pem, next.commonName(), next.sha256Fingerprint(), previous.sha256Fingerprint());
        listeners.forEach(l -> l.accept(next));
        return true;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) { // boundary: a timer task must not die
            LOG.warn("Checking {} for a new certificate failed: {}", pem, e.toString());
        }
    }

    /** The file's bytes, or null when it is missing, unreadable or too large to be a PEM identity. */
    private byte[] readOrNull() {
        try (InputStream in = Files.newInputStream(pem)) {
            byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
            return bytes.length > MAX_PEM_BYTES ? null : bytes;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", pem, e.toString());
            return null;
        }
    }

    private static byte[] digest(byte[] content) {
        if (content == null) {
            return new byte[0];
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
