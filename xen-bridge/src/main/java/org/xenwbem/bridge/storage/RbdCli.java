package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonReader;

/**
 * The {@code rbd} (and {@code rados}) command line of one Ceph pool, as an RBD SR's device-config
 * names it: {@code conf}, {@code user} (cephx id), {@code keyring} (a file: the key itself never
 * appears on a command line), {@code pool}.
 */
final class RbdCli {
    /** Where an RBD SR's images live. */
    record Target(String conf, String pool, String user, String keyring) {
        @Override
        public String toString() {
            return "pool " + pool + " (" + conf + ", id " + user + ")";
        }
    }

    static final long TIMEOUT_SECONDS = 300;

    private final Target target;

    RbdCli(Target target) {
        this.target = target;
    }

    Target target() {
        return target;
    }

    String spec(String image) {
        return target.pool() + "/" + image;
    }

    /** Runs {@code rbd <args>}; the failure names the sub-command and rbd's own message. */
    String rbd(String... args) throws IOException, ArrayError {
        return run("rbd", args);
    }

    String rados(String... args) throws IOException, ArrayError {
        return run("rados", args);
    }

    private String run(String tool, String... args) throws IOException, ArrayError {
        List<String> cmd = new ArrayList<>(List.of(tool));
        option(cmd, "--conf", target.conf());
        option(cmd, "--id", target.user());
        option(cmd, "--keyring", target.keyring());
        cmd.addAll(List.of(args));
        Cli.Result r = Cli.run(cmd, Map.of(), TIMEOUT_SECONDS);
        if (!r.ok()) {
            throw new ArrayError(tool + " " + args[0] + (args.length > 1 ? " " + args[1] : "") + ": " + lastLine(r.stderr()),
                    r.stderr().contains("(2) No such file or directory"));
        }
        return r.stdout();
    }

    /** Parses rbd's {@code --format json} output. */
    static Object json(String text) throws ArrayError {
        try {
            return JsonReader.parse(text.strip());
        } catch (JsonFormatException e) {
            throw new ArrayError("rbd printed no JSON: " + e.getMessage());
        }
    }

    private static void option(List<String> cmd, String name, String value) {
        if (value != null && !value.isBlank()) {
            cmd.add(name);
            cmd.add(value);
        }
    }

    private static String lastLine(String stderr) {
        String[] lines = stderr.strip().split("\n");
        return lines[lines.length - 1];
    }
}
