package org.xenwbem.bridge.transfer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz test (issue #14) of the VHD reader of the disk transfer: any stream is read or refused with a
 * {@link VhdFormatException}, in one pass (with the length known, and unknown as for a chunked
 * upload); nothing is ever written outside the target disk, and the footer answered describes a disk
 * that fits it. Regression mode over {@code VhdReaderFuzzTestInputs} (small fixed and dynamic VHDs
 * from qemu-img and hand-built ones with 4 KiB blocks) in every build; fuzzing in the benchmark.
 */
class VhdReaderFuzzTest {
    /** The target disk: small, so the fuzzer meets the size checks. */
    private static final long DISK = 64 * 1024;

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) throws IOException {
        read(input, input.length);
        read(input, -1);
    }

    private static void read(byte[] input, long length) throws IOException {
        long[] end = {0};
        VhdReader reader = new VhdReader(DISK, (offset, buf, off, len) -> {
            if (offset < 0 || len < 0 || offset + len > DISK || off < 0 || off + len > buf.length) {
                throw new AssertionError("write of " + len + " bytes at " + offset + " outside the disk of " + DISK);
            }
            end[0] = Math.max(end[0], offset + len);
        });
        try {
            VhdFooter footer = reader.read(new ByteArrayInputStream(input), length);
            if (footer.currentSize() > DISK || end[0] > footer.currentSize()) {
                throw new AssertionError("footer of " + footer.currentSize() + " bytes, data up to " + end[0]);
            }
        } catch (VhdFormatException expected) {
            // the documented fault
        }
    }
}
