package org.xenwbem.bridge.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chunks of a {@link ChunkedInput} as a request body: each array wrapped, not copied, pulled on the
 * subscriber's demand (blocking, as the JDK's own input-stream publisher does). One subscription: the
 * body is a stream and cannot be sent twice.
 */
final class ChunkPublisher implements Flow.Publisher<ByteBuffer> {
    private final ChunkedInput input;
    private final AtomicInteger subscriptions = new AtomicInteger();

    ChunkPublisher(ChunkedInput input) {
        this.input = input;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (subscriptions.getAndIncrement() > 0) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IOException("an import body can be sent once"));
            return;
        }
        subscriber.onSubscribe(new Pull(subscriber));
    }

    /** Delivers while there is demand; re-entrant requests (from onNext) only add demand. */
    private final class Pull implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean done;

        Pull(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("demand must be positive: " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                deliver();
            } while (work.decrementAndGet() != 0);
        }

        private void deliver() {
            while (!done && demand.get() > 0) {
                byte[] chunk;
                try {
                    chunk = input.nextChunk();
                } catch (IOException e) {
                    done = true;
                    subscriber.onError(e);
                    return;
                }
                if (chunk == null) {
                    done = true;
                    subscriber.onComplete();
                    return;
                }
                demand.decrementAndGet();
                subscriber.onNext(ByteBuffer.wrap(chunk));
            }
        }

        @Override
        public void cancel() {
            done = true;
        }
    }
}
