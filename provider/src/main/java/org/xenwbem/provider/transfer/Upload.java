package org.xenwbem.provider.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.TransferOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VhdReader;

/**
 * One upload into a disk, fed by successive requests (a whole PUT, PUTs with Content-Range, or BITS
 * fragments) and streamed as it arrives to xapi's {@code /import_raw_vdi} through a
 * {@link ChunkPipe}: no copy of the disk is kept. Bytes must arrive in order; a request that repeats
 * bytes already received (a resend after a dropped connection) has them skipped, one that leaves a
 * gap is refused with the offset expected. A VHD is checked by {@link VhdReader} on the way through;
 * the first violation aborts the import and is the upload's failure. While it runs, and after it
 * failed or was cancelled, the disk is marked incomplete ({@link Incomplete}).
 */
final class Upload {
    /** Bytes per chunk handed to the pipe (each a fresh array the pipe owns: no copy on the way). */
    private static final int BUFFER = 256 << 10;

    private final long total;
    private final ChunkPipe pipe = new ChunkPipe();
    private final CompletableFuture<Void> done;
    private long received;
    private boolean ended;
    /** xapi's refusal, once it gave up: the VHD check that stopped because of it reports it, not itself. */
    private volatile XenFailure refused;

    Upload(PoolSession session, String vdiUuid, VdiFormat format, long total, long diskSize, Executor workers) {
        this.total = total;
        TransferOps ops = session.transfers();
        Incomplete.mark(session, vdiUuid); // before the first byte is taken: a cancel right after still finds it
        CompletableFuture<Void> marked = CompletableFuture.completedFuture(null);
        if (format == VdiFormat.RAW) {
            done = marked.thenRunAsync(() -> importing(ops, vdiUuid, format, pipe.input()), workers)
                    .thenRun(() -> Incomplete.clear(session, vdiUuid));
        } else {
            ChunkPipe checked = new ChunkPipe();
            CompletableFuture<Void> check = CompletableFuture.runAsync(() -> checking(checked, diskSize), workers);
            CompletableFuture<Void> xapi = CompletableFuture.runAsync(
                    () -> importing(ops, vdiUuid, format, checked.input()), workers);
            xapi.whenComplete((v, e) -> {
                if (e != null) { // both pipes: the checker may be waiting to hand xapi a chunk it will never take
                    checked.abort("xapi refused the import");
                    pipe.abort("xapi refused the import");
                }
            });
            done = check.thenCombine(xapi, (a, b) -> a).thenCombine(marked, (a, b) -> a)
                    .thenRun(() -> Incomplete.clear(session, vdiUuid));
        }
    }

    private void importing(TransferOps ops, String vdiUuid, VdiFormat format, InputStream in) {
        try {
            ops.importTo(vdiUuid, format, in, total);
        } catch (XenFailure f) {
            refused = f;
            pipe.abort("xapi refused the import: " + f.code());
            throw new IllegalStateException("xapi refused the import: " + f.code() + " " + f.getMessage(), f);
        }
    }

    private void checking(ChunkPipe checked, long diskSize) {
        InputStream tee = new FilterInputStream(pipe.input()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    checked.write(b, off, n);
                }
                return n;
            }
        };
        try {
            new VhdReader(diskSize, (o, b, off, len) -> { }).read(tee, total);
            checked.finish();
        } catch (IOException e) {
            checked.abort(e.getMessage());
            pipe.abort(e.getMessage());
            XenFailure f = refused;
            throw f != null ? new IllegalStateException("xapi refused the import: " + f.code() + " " + f.getMessage(), f)
                    : new IllegalStateException(e.getMessage(), e);
        }
    }

    long total() {
        return total;
    }

    synchronized long received() {
        return received;
    }

    /**
     * Takes the body of a request that carries bytes {@code [offset, offset + length)}; returns the
     * next offset expected. A client that drops mid-body keeps what arrived before.
     */
    synchronized long accept(long offset, long length, InputStream body) throws TransferException, IOException {
        if (offset > received) {
            throw new TransferException(416, "bytes from " + offset + " leave a gap: the next byte expected is " + received);
        }
        if (offset + length > total) {
            throw new TransferException(416, "bytes up to " + (offset + length) + " exceed the upload's " + total);
        }
        body.skipNBytes(received - offset > length ? length : received - offset);
        long left = offset + length - Math.max(received, offset);
        while (left > 0) {
            byte[] buf = new byte[(int) Math.min(BUFFER, left)];
            int n = body.readNBytes(buf, 0, buf.length);
            if (n <= 0) {
                throw new IOException("the request ended " + left + " bytes early");
            }
            try {
                pipe.hand(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
            } catch (IOException e) {
                throw refusalOr(e);
            }
            received += n;
            left -= n;
        }
        if (received == total && !ended) {
            ended = true; // once: a resent last piece must not queue another end (17 of them filled the pipe and hung)
            try {
                pipe.finish();
            } catch (IOException e) { // the VHD check failed on the last bytes (a bad footer): say why, as a 4xx
                throw refusalOr(e);
            }
        }
        return received;
    }

    /** The import's own failure (VHD check, xapi) when the pipe broke because of it; else {@code e}. */
    private IOException refusalOr(IOException e) throws TransferException {
        try {
            done.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException f) {
            if (done.isDone()) {
                await();
            }
        } catch (InterruptedException f) {
            Thread.currentThread().interrupt();
        }
        return e;
    }

    boolean complete() {
        return received() == total;
    }

    /** Waits for xapi to finish the import; its failure (or the VHD check's) as a 4xx/5xx. */
    void await() throws TransferException {
        try {
            done.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof IllegalStateException ? e.getCause() : e;
            throw new TransferException(c.getCause() instanceof XenFailure ? 502 : 400, c.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(503, "interrupted while waiting for xapi");
        }
    }

    boolean finished() {
        return done.isDone();
    }

    void cancel(String reason) {
        pipe.abort(reason);
    }
}
