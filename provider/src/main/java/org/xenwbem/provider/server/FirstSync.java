package org.xenwbem.provider.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.Readiness;

/**
 * The pool mirror's first load from xapi, as the requests that read the pool wait for it (issue #15
 * item 4). The daemon answers on its port before that load ends; what needs the loaded pool (eventing's
 * baseline, the RRD sampler) is started by a thread of this class once it is in ({@code then}), and only
 * then are requests that read the pool let through. Such a request waits at most its own bound (the
 * client's OperationTimeout) and never past {@code wait} after the start: the client gets its answer a
 * moment late rather than a fault (winrm and SCVMM do not retry a fault by themselves). When xapi has not
 * answered by then, requests are refused at once (WS-Man TimedOut, CIM-XML CIM_ERR_FAILED, both saying
 * why) instead of each holding a thread, until the load comes.
 */
final class FirstSync implements Readiness, AutoCloseable {
    /** How long after the start requests wait for the first load: what the start itself waited before. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(FirstSync.class);
    private final PoolMirror mirror;
    private final Duration wait;
    private final long deadline;
    private final Runnable then;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread waiter;

    /**
     * Starts waiting for the load.
     *
     * @param wait how long from now requests may wait for it
     * @param then what runs once it is in, before requests are let through (on this class's thread)
     */
    FirstSync(PoolMirror mirror, Duration wait, Runnable then) {
        this.mirror = mirror;
        this.wait = wait;
        this.deadline = System.nanoTime() + wait.toNanos();
        this.then = then;
        this.waiter = new Thread(this::awaitLoad, "xenwbem-first-sync");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void awaitLoad() {
        try {
            if (!mirror.awaitInitialSync(wait)) {
                LOG.warn("the pool mirror has not loaded the pool from xapi within {} s; requests that read the pool"
                        + " are refused until it has", wait.toMillis() / 1000.0);
                while (!mirror.awaitInitialSync(Duration.ofMinutes(1))) {
                    LOG.debug("still waiting for the pool mirror's first load");
                }
                LOG.info("the pool mirror has loaded the pool; requests are served");
            }
        } catch (InterruptedException e) {
            return; // the daemon stops
        }
        try {
            then.run();
        } catch (RuntimeException e) { // boundary of this thread: requests are served all the same
            LOG.error("starting what follows the pool's first load failed", e);
        } finally {
            ready.countDown(); // even after an Error: a start step that failed must not refuse reads forever
        }
    }

    /** Waits until the pool is loaded and requests are let through; false when {@code timeout} passed first. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True once the pool is loaded and requests are let through. */
    boolean ready() {
        return ready.getCount() == 0;
    }

    @Override
    public void await(Duration within) throws CimException {
        if (ready()) {
            return;
        }
        long left = Math.max(0, deadline - System.nanoTime());
        long nanos = within == null ? left : Math.min(left, within.toNanos());
        try {
            if (ready.await(nanos, TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new CimException(CimStatus.FAILED, CimException.Detail.NOT_READY, "xenwbem has not yet loaded the pool"
                + " from xapi (it is starting, or xapi does not answer: see its status page); retry shortly", null);
    }

    /** Stops waiting for the load (the daemon stops); the caller keeps {@code then} from acting after its own close. */
    @Override
    public void close() {
        waiter.interrupt();
    }
}
