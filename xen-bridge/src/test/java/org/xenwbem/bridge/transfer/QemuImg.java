package org.xenwbem.bridge.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs qemu-img for the VHD tests (codecs here, the transfer endpoint in provider through this test-jar): skipped when absent, unless XENWBEM_REQUIRE_STORAGE=1 (then a failure). */
public final class QemuImg {
    private QemuImg() {
    }

    public static void require() {
        if (Files.isExecutable(Path.of("/usr/bin/qemu-img")) || Files.isExecutable(Path.of("/usr/local/bin/qemu-img"))) {
            return;
        }
        if ("1".equals(System.getenv("XENWBEM_REQUIRE_STORAGE"))) {
            throw new AssertionError("qemu-img is not installed and XENWBEM_REQUIRE_STORAGE=1: run "
                    + "tests/bin/install-test-deps.sh");
        }
        Assumptions.abort("qemu-img is not installed");
    }

    /** Exit status and combined output of {@code qemu-img args…}. */
    public record Result(int status, String output) {
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-img"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("qemu-img " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }
}
