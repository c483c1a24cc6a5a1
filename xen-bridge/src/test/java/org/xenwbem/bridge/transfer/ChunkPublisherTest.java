package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** {@link ChunkPublisher}: arrays wrapped not copied, pulled only on demand, re-entrant requests, errors, one subscription. */
class ChunkPublisherTest {
    private static final class Source implements ChunkedInput {
        final Deque<byte[]> left = new ArrayDeque<>();
        int pulled;
        IOException failure;

        @Override
        public byte[] nextChunk() throws IOException {
            pulled++;
            if (left.isEmpty() && failure != null) {
                throw failure;
            }
            return left.poll();
        }
    }

    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<ByteBuffer> got = new ArrayList<>();
        Flow.Subscription subscription;
        Throwable error;
        boolean complete;
        boolean requestInOnNext;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer item) {
            got.add(item);
            if (requestInOnNext) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            complete = true;
        }
    }

    @Test
    void pullsOnlyWhatIsAskedForAndWrapsTheArraysThemselves() {
        Source src = new Source();
        byte[] a = {1, 2};
        byte[] b = {3};
        src.left.add(a);
        src.left.add(b);
        Recorder r = new Recorder();
        new ChunkPublisher(src).subscribe(r);
        assertEquals(0, src.pulled, "nothing read before demand");
        r.subscription.request(1);
        assertEquals(1, src.pulled);
        assertSame(a, r.got.get(0).array());
        r.subscription.request(5);
        assertSame(b, r.got.get(1).array());
        assertTrue(r.complete);
        assertNull(r.error);
    }

    @Test
    void aRequestFromOnNextDoesNotRecurseAndAllArrive() {
        Source src = new Source();
        for (int i = 0; i < 10_000; i++) {
            src.left.add(new byte[] {(byte) i});
        }
        Recorder r = new Recorder();
        r.requestInOnNext = true;
        new ChunkPublisher(src).subscribe(r);
        r.subscription.request(1); // 10,000 nested requests would overflow the stack if they recursed
        assertEquals(10_000, r.got.size());
        assertTrue(r.complete);
    }

    @Test
    void aReadFailureIsTheSubscribersErrorAndASecondSubscriptionFails() {
        Source src = new Source();
        src.left.add(new byte[] {1});
        src.failure = new IOException("gone");
        ChunkPublisher p = new ChunkPublisher(src);
        Recorder r = new Recorder();
        p.subscribe(r);
        r.subscription.request(Long.MAX_VALUE);
        r.subscription.request(Long.MAX_VALUE); // no overflow
        assertSame(src.failure, r.error);
        assertEquals(1, r.got.size());
        Recorder again = new Recorder();
        p.subscribe(again);
        assertInstanceOf(IOException.class, again.error);
    }
}
