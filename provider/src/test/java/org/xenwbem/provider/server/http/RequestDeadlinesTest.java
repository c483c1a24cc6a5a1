package org.xenwbem.provider.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The header clock of one connection, as the sweep sees it (the end-to-end tests are in the tests module). */
class RequestDeadlinesTest {
    private static final long S = 1_000_000_000L;
    private static final long LIMIT = 20 * S;

    @Test
    void theFirstRequestIsTimedFromTheConnectionsOpening() {
        RequestDeadlines.Phase p = new RequestDeadlines.Phase(0);
        assertFalse(p.overdue(19 * S, 0, LIMIT), "nothing sent yet, within the limit");
        assertTrue(p.overdue(21 * S, 0, LIMIT), "a connection that never sends a request is ended");
        assertTrue(new RequestDeadlines.Phase(0).overdue(21 * S, 300, LIMIT), "nor one sending its headers slowly");
    }

    @Test
    void whileARequestIsHandledOnlyTheBodyDeadlineApplies() {
        RequestDeadlines.Phase p = new RequestDeadlines.Phase(0);
        p.requestStarted();
        assertFalse(p.overdue(100 * S, 5000, LIMIT));
    }

    @Test
    void anIdleKeepAliveConnectionIsLeftToTheIdleTimeoutButItsNextRequestIsTimed() {
        RequestDeadlines.Phase p = new RequestDeadlines.Phase(0);
        p.requestStarted();
        p.requestEnded(700);
        assertFalse(p.overdue(50 * S, 700, LIMIT), "idle: no byte since the last response");
        assertFalse(p.overdue(51 * S, 710, LIMIT), "a new request's first bytes start the clock");
        assertFalse(p.overdue(70 * S, 720, LIMIT));
        assertTrue(p.overdue(72 * S, 730, LIMIT), "its headers took more than the limit");
    }
}
