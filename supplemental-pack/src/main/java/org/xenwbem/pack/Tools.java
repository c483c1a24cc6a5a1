package org.xenwbem.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external tools: one process at a time, stdout captured, stderr kept for the error
 * message, a time limit, and an error naming the command (never its secrets: passphrases travel
 * in files). Missing tools are installed once with the project's install script.
 */
final class Tools {
    /** Executable → Debian package, for the error message and the install script. */
    static final Map<String, String> PACKAGES = Map.of("rpmbuild", "rpm", "rpmsign", "rpm", "createrepo_c",
            "createrepo-c", "gpg", "gnupg", "xorriso", "xorriso", "jlink", "openjdk-17-jdk-headless",
            "jdeps", "openjdk-17-jdk-headless");

    private final Map<String, String> env;

    Tools(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    String run(List<String> command, Path dir, int timeoutSeconds) throws PackException {
        return new String(runBytes(command, dir, timeoutSeconds), StandardCharsets.UTF_8);
    }

    byte[] runBytes(List<String> command, Path dir, int timeoutSeconds) throws PackException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        String name = command.get(0);
        try {
            Process p = pb.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(p.getErrorStream(), err), "stderr-" + name);
            drain.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PackException(name + " did not finish within " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            drain.join();
            if (p.exitValue() != 0) {
                throw new PackException(name + " failed (exit " + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + tail(err.toString(StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new PackException("cannot run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while running " + name, e);
        }
    }

    /** Installs what is missing with {@code installScript} (apt-get), or says which packages to install. */
    static void require(List<String> executables, Path installScript, boolean mayInstall) throws PackException {
        List<String> missing = missing(executables);
        if (missing.isEmpty()) {
            return;
        }
        if (mayInstall && Files.isExecutable(installScript)) {
            System.out.println("[pack] installing the missing build tools " + missing + " with " + installScript);
            try {
                Process p = new ProcessBuilder(installScript.toString()).inheritIO().start();
                if (!p.waitFor(900, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new PackException(installScript + " failed");
                }
            } catch (IOException e) {
                throw new PackException("cannot run " + installScript + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PackException("interrupted while installing tools", e);
            }
            missing = missing(executables);
        }
        if (!missing.isEmpty()) {
            List<String> pkgs = missing.stream().map(t -> PACKAGES.getOrDefault(t, t)).distinct().toList();
            throw new PackException("the pack build needs " + missing + ": apt-get install " + String.join(" ", pkgs)
                    + " (or skip the ISO with -Dxenwbem.pack.skip=true)");
        }
    }

    static List<String> missing(List<String> executables) {
        List<String> out = new ArrayList<>();
        for (String e : executables) {
            if (which(e) == null) {
                out.add(e);
            }
        }
        return out;
    }

    static Path which(String executable) {
        if (executable.contains("/")) {
            return Files.isExecutable(Path.of(executable)) ? Path.of(executable) : null;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, executable);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended; what was read is enough for the message
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
    }
}
