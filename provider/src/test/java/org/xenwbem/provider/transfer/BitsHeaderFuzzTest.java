package org.xenwbem.provider.transfer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test (issue #14) of the transfer headers' parsers: the {@code Content-Range} of BITS
 * Fragments and ranged PUTs, and the {@code Range} of downloads, against any disk size. Either a
 * {@link TransferException} with a 4xx status, or a range that lies inside the disk: first ≤ last
 * below the limit, a total no larger than it, a download span {@code 0 ≤ from < to ≤ size}.
 * Regression mode over {@code BitsHeaderFuzzTestInputs} (what BITS and curl send) in every build;
 * fuzzing in the fuzzing benchmark.
 */
class BitsHeaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parseRanges(FuzzedDataProvider data) {
        long size = data.consumeLong(0, Long.MAX_VALUE);
        String header = data.consumeRemainingAsString();
        try {
            ByteRanges.Upload u = ByteRanges.contentRange(header, size);
            if (u != null && (u.first() < 0 || u.last() < u.first() || u.last() >= size || u.total() > size
                    || u.total() >= 0 && u.last() >= u.total())) {
                throw new AssertionError(u + " for a limit of " + size);
            }
        } catch (TransferException e) {
            status(e);
        }
        try {
            ByteRanges.Span s = ByteRanges.range(header, size);
            if (s != null && (s.from() < 0 || s.from() >= s.to() || s.to() > size)) {
                throw new AssertionError(s + " for a disk of " + size);
            }
        } catch (TransferException e) {
            status(e);
        }
    }

    private static void status(TransferException e) {
        if (e.status() < 400 || e.status() > 499) {
            throw new AssertionError("status " + e.status(), e);
        }
    }
}
