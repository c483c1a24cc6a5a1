package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's python3-winrm against a {@link DaemonFixture}, through the driver
 * {@code clients/pywinrm_client.py}: each call runs it once and returns what it printed, one JSON
 * value a line. Without python3 or its {@code winrm}/{@code xmltodict} modules the test class skips
 * (or fails under {@code XENWBEM_REQUIRE_CLIENTS=1}, see {@link ExternalTool#require}).
 */
final class PywinrmClient {
    private static final String PYTHON = "/usr/bin/python3";
    private final DaemonFixture fx;
    private final Path dir;
    private final Path script;

    private PywinrmClient(DaemonFixture fx, Path dir, Path script) {
        this.fx = fx;
        this.dir = dir;
        this.script = script;
    }

    /** Copies the driver into the fixture's scratch folder {@code scratch} and checks the modules load. */
    static PywinrmClient install(DaemonFixture fx, String scratch) throws Exception {
        ExternalTool.require(PYTHON);
        Path dir = fx.scratch(scratch);
        Path script = dir.resolve("pywinrm_client.py");
        try (var in = PywinrmClient.class.getResourceAsStream("/clients/pywinrm_client.py")) {
            Files.copy(in, script);
        }
        ExternalTool.Result probe = ExternalTool.run(List.of(PYTHON, "-c", "import winrm, xmltodict"),
                Map.of(), dir, Duration.ofSeconds(30));
        if (probe.exit() != 0) {
            ExternalTool.require("/nonexistent/python3-winrm");
        }
        return new PywinrmClient(fx, dir, script);
    }

    /** The driver's output lines for {@code args}, as root with {@code password}; it must exit 0. */
    List<String> linesAs(String password, String... args) throws Exception {
        return linesFor("root", password, args);
    }

    /** The driver's output lines for {@code args}, as {@code user} with {@code password}; it must exit 0. */
    List<String> linesFor(String user, String password, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), fx.wsmanUrl(), user, password));
        cmd.addAll(List.of(args));
        ExternalTool.Result r = ExternalTool.run(cmd, Map.of(), dir, Duration.ofSeconds(60));
        assertEquals(0, r.exit(), r.toString());
        return r.out().lines().toList();
    }

    /** The driver's output lines for {@code args}, as root with the fixture's password. */
    List<String> lines(String... args) throws Exception {
        return linesAs(DaemonFixture.PASSWORD, args);
    }

    /** The driver's first output line for {@code args}, parsed as a JSON object. */
    Map<String, Object> first(String... args) throws Exception {
        return MiniJson.object(lines(args).stream().findFirst().orElseThrow());
    }
}
