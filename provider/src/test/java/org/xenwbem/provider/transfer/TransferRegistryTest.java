package org.xenwbem.provider.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.ops.PoolSession;

/** Connection lifetimes: deadline, idle expiry (not while a request runs), fresh credentials, logout at the end. */
class TransferRegistryTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicInteger logouts = new AtomicInteger();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private PoolSession session() {
        return (PoolSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PoolSession.class},
                (p, m, a) -> switch (m.getName()) {
                    case "user" -> "alice";
                    case "close" -> {
                        logouts.incrementAndGet();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void credentialsAreFreshAndCheckedWhole() {
        TransferRegistry r = new TransferRegistry(clock, Duration.ofMinutes(30), 2);
        TransferRegistry.Grant a = r.open(session(), "vdi", 1, false, Duration.ofHours(1));
        TransferRegistry.Grant b = r.open(session(), "vdi", 1, false, Duration.ofHours(1));
        assertNotEquals(a.password(), b.password());
        assertNotEquals(a.username(), b.username());
        assertTrue(a.handle().matches("[A-Za-z0-9]{16}"), a.handle());
        assertFalse(a.toString().contains(a.password()), "the password never reaches a log line");
        assertTrue(r.authenticate(a.handle(), a.username(), a.password()).isPresent());
        assertFalse(r.authenticate(a.handle(), b.username(), b.password()).isPresent());
        assertFalse(r.authenticate(a.handle(), a.username(), a.password() + "x").isPresent());
        assertFalse(r.authenticate(b.handle(), a.username(), a.password()).isPresent());
    }

    @Test
    void theStatusPageSeesOpenConnectionsWithoutTheirCredentials() {
        TransferRegistry r = new TransferRegistry(clock, Duration.ofMinutes(30), 2);
        TransferRegistry.Grant a = r.open(session(), "vdi-a", 512, true, Duration.ofHours(1));
        now = now.plusSeconds(5);
        TransferRegistry.Grant b = r.open(session(), "vdi-b", 1024, false, Duration.ofHours(1));
        var open = r.active();
        assertEquals(java.util.List.of(a.handle(), b.handle()), open.stream().map(ActiveTransfer::handle).toList());
        assertEquals(new ActiveTransfer(a.handle(), "vdi-a", 512, true, "alice", now.minusSeconds(5), now.minusSeconds(5),
                0, false), open.get(0));
        assertFalse(open.toString().contains(a.password()) || open.toString().contains(a.username()), open.toString());
        r.close(a.handle(), "test");
        assertEquals(java.util.List.of(b.handle()), r.active().stream().map(ActiveTransfer::handle).toList());
    }

    @Test
    void thePasswordGoesBackToItsOwnerOnlyWhileTheConnectionLives() {
        TransferRegistry r = new TransferRegistry(clock, Duration.ofMinutes(30), 2);
        TransferRegistry.Grant g = r.open(session(), "vdi", 1, false, Duration.ofHours(1));
        assertEquals(java.util.Optional.of(g.password()), r.password(g.handle(), "alice"));
        assertTrue(r.password(g.handle(), "bob").isEmpty(), "another xapi user gets nothing");
        assertTrue(r.password(g.handle(), null).isEmpty());
        assertTrue(r.password(null, "alice").isEmpty());
        assertTrue(r.password("nosuchhandle0000", "alice").isEmpty());
        now = now.plus(Duration.ofMinutes(31));
        assertTrue(r.password(g.handle(), "alice").isEmpty(), "an expired connection's password is gone");
        TransferRegistry.Grant h = r.open(session(), "vdi", 1, false, Duration.ofHours(1));
        assertTrue(r.close(h.handle(), "test"));
        assertTrue(r.password(h.handle(), "alice").isEmpty(), "a closed connection's password is gone");
    }

    @Test
    void idleAndDeadlineExpiryCloseTheConnectionAndLogOut() {
        TransferRegistry r = new TransferRegistry(clock, Duration.ofMinutes(30), 2);
        TransferRegistry.Grant g = r.open(session(), "vdi", 1, false, Duration.ofHours(2));
        TransferConnection c = r.authenticate(g.handle(), g.username(), g.password()).orElseThrow();
        c.enter();
        now = now.plus(Duration.ofMinutes(45));
        assertEquals(0, r.sweep(), "a long request is not idleness");
        c.exit(now);
        now = now.plus(Duration.ofMinutes(29));
        assertEquals(0, r.sweep());
        now = now.plus(Duration.ofMinutes(2));
        assertEquals(1, r.sweep(), "idle for 31 minutes");
        assertEquals(1, logouts.get(), "the user's xapi session is logged out");
        assertEquals(null, c.password(), "an expired connection drops its password from memory");
        assertFalse(r.authenticate(g.handle(), g.username(), g.password()).isPresent());
        TransferRegistry.Grant d = r.open(session(), "vdi", 1, false, Duration.ofMinutes(10));
        TransferConnection dc = r.authenticate(d.handle(), d.username(), d.password()).orElseThrow();
        dc.enter();
        now = now.plus(Duration.ofMinutes(11));
        assertFalse(r.authenticate(d.handle(), d.username(), d.password()).isPresent(), "the deadline is hard");
        assertEquals(2, logouts.get());
        assertEquals(null, dc.password(), "so does one past its deadline");
        TransferRegistry.Grant e = r.open(session(), "vdi", 1, false, Duration.ofMinutes(10));
        TransferConnection ec = r.authenticate(e.handle(), e.username(), e.password()).orElseThrow();
        assertTrue(r.close(e.handle(), "disconnected"));
        assertEquals(null, ec.password(), "and a disconnected one");
    }

    @Test
    void progressIsTheRunningDownloadsShareAndNothingWhenIdle() {
        TransferRegistry r = new TransferRegistry(clock, Duration.ofMinutes(30), 2);
        TransferRegistry.Grant g = r.open(session(), "vdi", 1000, false, Duration.ofHours(1));
        TransferConnection c = r.authenticate(g.handle(), g.username(), g.password()).orElseThrow();
        assertTrue(r.percent(g.handle()).isEmpty(), "no bytes move yet");
        c.sending(400);
        c.sent(100);
        assertEquals(25, r.percent(g.handle()).getAsInt());
        c.sent(300);
        assertEquals(100, r.percent(g.handle()).getAsInt());
        c.sendingDone();
        assertTrue(r.percent(g.handle()).isEmpty());
        assertTrue(r.percent("nosuchhandle0000").isEmpty());
        assertTrue(r.percent(null).isEmpty());
    }

    @Test
    void transferSlotsAreBounded() {
        TransferRegistry r = new TransferRegistry(clock, Duration.ofMinutes(30), 2);
        assertTrue(r.tryAcquire());
        assertTrue(r.tryAcquire());
        assertFalse(r.tryAcquire());
        r.release();
        assertTrue(r.tryAcquire());
    }
}
