package org.xenwbem.bridge.sim;

import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulated pool from the command line:
 * {@code --port N} (0), {@code --bind ADDR} (127.0.0.1), {@code --hosts N} (2), {@code --vms N} (8),
 * {@code --seed N} (1), {@code --disks-per-vm N} (1), {@code --nics-per-vm N} (1),
 * {@code --sim-password PW} (random when omitted, then printed), {@code --sim-storage DIR} (where SRs
 * keep VDI bytes, kept on exit; default a temporary directory deleted on exit).
 * Prints {@code listening on http://HOST:PORT/} and the accounts, then serves until SIGTERM/Ctrl-C.
 */
public final class SimMain {
    static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: sim [--port N] [--bind ADDR] [--hosts N] [--vms N] [--seed N]"
            + " [--disks-per-vm N] [--nics-per-vm N] [--sim-password PW] [--sim-storage DIR]";

    private SimMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Serves until the JVM is asked to stop; returns the exit status (2 on bad arguments). */
    public static int run(String[] args, PrintStream out) {
        SimulatedPool pool;
        try {
            pool = start(args, out);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return EXIT_USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pool.close();
            stopped.countDown();
        }, "sim-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.close();
        }
        return 0;
    }

    /** Parses the options, starts the pool and prints the banner; the caller closes the pool. */
    static SimulatedPool start(String[] args, PrintStream out) {
        Options o = Options.parse(args);
        String password = o.password != null ? o.password : randomPassword();
        SimulatedPool pool = SimulatedPool.builder().hosts(o.hosts).vms(o.vms).seed(o.seed)
                .disksPerVm(o.disks).nicsPerVm(o.nics).rootPassword(password).storageRoot(o.storage).build();
        URI url = pool.start(o.bind, o.port);
        out.println("listening on " + url);
        for (SimUser u : pool.users()) {
            out.println("user " + u.name() + " password " + u.password() + " role " + u.role().xapiName());
        }
        out.flush();
        return pool;
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Parsed command-line options. */
    private static final class Options {
        int port;
        String bind = "127.0.0.1";
        int hosts = 2;
        int vms = 8;
        long seed = 1;
        int disks = 1;
        int nics = 1;
        String password;
        java.nio.file.Path storage;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> o.port = number(name, value, 0, 65535);
                    case "--bind" -> o.bind = value;
                    case "--hosts" -> o.hosts = number(name, value, 1, 1024);
                    case "--vms" -> o.vms = number(name, value, 0, 100_000);
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--disks-per-vm" -> o.disks = number(name, value, 0, 16);
                    case "--nics-per-vm" -> o.nics = number(name, value, 0, 7);
                    case "--sim-password" -> o.password = value;
                    case "--sim-storage" -> o.storage = java.nio.file.Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return o;
        }

        private static int number(String name, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, not " + value, e);
            }
        }
    }
}
