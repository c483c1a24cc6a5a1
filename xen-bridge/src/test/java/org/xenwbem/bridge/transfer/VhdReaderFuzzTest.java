package org.xenwbem.bridge.transfer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * Fuzz test (issue #14) of the VHD reader of the disk transfer: any stream is read or refused with a
 * {@link VhdFormatException}, in one pass (with the length known, and unknown as for a chunked
 * upload); nothing is ever written outside the target disk, and the footer answered describes a disk
 * that fits it; and what one read allocates is bounded by its input, not by what the headers claim
 * (checked against the largest disk, where a header may claim 2040 GiB). Regression mode over {@code VhdReaderFuzzTestInputs} (small fixed and dynamic VHDs
 * from qemu-img and hand-built ones with 4 KiB blocks) in every build; fuzzing in the benchmark.
 */
class VhdReaderFuzzTest {
    /** The target disk: small, so the fuzzer meets the size checks. */
    private static final long DISK = 64 * 1024;

    /** The reader's own 1 MiB chunk, the few arrays per read, and what bytes read can justify. */
    private static final long ALLOCATION_FLOOR = 8L << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) throws IOException {
        readOnce(input, input.length, DISK);
        readOnce(input, -1, DISK);
        long bound = ALLOCATION_FLOOR + 64L * input.length;
        long allocated = allocation(input);
        if (allocated > bound) { // measured again only then: each read allocates the reader's 1 MiB chunk
            allocated = Math.min(allocated, allocation(input));
        }
        if (allocated > bound) {
            throw new AssertionError(allocated + " bytes allocated to read " + input.length);
        }
    }

    /**
     * Bytes this thread allocated for one read against the largest disk. Over the bound, the smaller
     * of two is kept: a first call may also pay for one-off work of the fuzzer's instrumentation (seen: 17 MB).
     */
    private static long allocation(byte[] input) throws IOException {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        readOnce(input, input.length, VhdReader.MAX_SIZE);
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private static void readOnce(byte[] input, long length, long disk) throws IOException {
        long[] end = {0};
        VhdReader reader = new VhdReader(disk, (offset, buf, off, len) -> {
            if (offset < 0 || len < 0 || offset + len > disk || off < 0 || off + len > buf.length) {
                throw new AssertionError("write of " + len + " bytes at " + offset + " outside the disk of " + disk);
            }
            end[0] = Math.max(end[0], offset + len);
        });
        try {
            VhdFooter footer = reader.read(new ByteArrayInputStream(input), length);
            if (footer.currentSize() > disk || end[0] > footer.currentSize()) {
                throw new AssertionError("footer of " + footer.currentSize() + " bytes, data up to " + end[0]);
            }
        } catch (VhdFormatException expected) {
            // the documented fault
        }
    }
}
