package org.xenwbem.tests.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xenwbem.tests.ExternalTool;

/**
 * {@code curl} (OpenSSL), the HTTPS client a Linux admin points at the transfer endpoint, for
 * {@link TransferBenchmark}: PUT of the disk fed through curl's stdin, GET of it into /dev/null (the
 * JDK client checks the same bytes by CRC in the same run), both pinned to the endpoint's
 * certificate and TLS 1.3 suite. And the machine's TLS ceiling, curl reading the same number of bytes
 * from memory on a bare TLS server, python3's {@code ssl}: OpenSSL at both ends. (A bare Conscrypt
 * server socket cannot serve here: its sockets need {@code --add-opens java.base/java.net}.)
 * Credentials go through a 0600 config file, never the command line.
 */
final class CurlClient implements AutoCloseable {
    private static final int CHUNK = DiskContent.CHUNK;
    private final Path dir;
    private final Path ca;
    private final Path config;
    private final String suite;

    /** {@code authorization} is the value of the Authorization header the endpoint wants. */
    CurlClient(String certificatePem, String suite, String authorization) throws IOException {
        ExternalTool.require("curl");
        ExternalTool.require("python3");
        ExternalTool.require("openssl");
        this.dir = Files.createTempDirectory("bench-curl");
        this.ca = Files.writeString(dir.resolve("ca.pem"), certificatePem);
        this.config = dir.resolve("auth.conf");
        Files.createFile(config, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, "header = \"Authorization: " + authorization + "\"\n");
        this.suite = suite;
    }

    /**
     * Seconds to GET {@code uri} ({@code size} bytes) with curl into /dev/null, as an admin's download to a
     * file costs curl no more: a pipe to this JVM would add a copy and a process to the client side.
     * The bytes are the ones the JDK client's GET checks by CRC in the same run (same request).
     */
    double get(URI uri, long size) throws IOException, InterruptedException {
        Process p = start(List.of("-K", config.toString(), "--cacert", ca.toString(), "-o", "/dev/null",
                "-w", "%{size_download}", uri.toString()));
        long t = System.nanoTime();
        p.getOutputStream().close();
        String got = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        double secs = (System.nanoTime() - t) / 1e9;
        finish(p, "GET");
        if (!got.equals(Long.toString(size))) {
            throw new AssertionError("curl GET read " + got + " bytes of " + size);
        }
        return secs;
    }

    /** Seconds to PUT the benchmark disk of {@code size} bytes to {@code uri} through curl's stdin. */
    double put(URI uri, long size) throws IOException, InterruptedException {
        Process p = start(List.of("-K", config.toString(), "--cacert", ca.toString(), "-T", "-",
                "-H", "Transfer-Encoding:", "-H", "Expect:", "-H", "Content-Length: " + size,
                "-o", "/dev/null", uri.toString()));
        long t = System.nanoTime();
        byte[] pattern = DiskContent.pattern();
        byte[] chunk = new byte[CHUNK];
        try (OutputStream in = p.getOutputStream()) {
            for (long i = 0; i * CHUNK < size; i++) {
                DiskContent.fill(pattern, chunk, i, size);
                in.write(chunk);
            }
        }
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        finish(p, "PUT");
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * Seconds for curl to GET {@code size} bytes from python3's ssl module (OpenSSL) on loopback, the
     * server sending one 1 MiB buffer over and over with a throwaway key: OpenSSL at both ends, no disk.
     */
    double ceiling(long size) throws IOException, InterruptedException {
        Path key = dir.resolve("k.pem");
        Path cert = dir.resolve("c.pem");
        if (!Files.exists(cert)) {
            run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1"));
        }
        Path script = Files.writeString(dir.resolve("serve.py"), String.join("\n",
                "import socket, ssl, sys",
                "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)",
                "ctx.load_cert_chain(sys.argv[2], sys.argv[3])",
                "ls = socket.socket()",
                "ls.bind(('127.0.0.1', 0))",
                "ls.listen(1)",
                "print(ls.getsockname()[1], flush=True)",
                "s = ctx.wrap_socket(ls.accept()[0], server_side=True)",
                "req = b''",
                "while b'\\r\\n\\r\\n' not in req:",
                "    req += s.recv(4096)",
                "s.sendall(b'HTTP/1.1 200 OK\\r\\nContent-Length: %s\\r\\n\\r\\n' % sys.argv[1].encode())",
                "buf = memoryview(bytes(range(256)) * 4096)",
                "left = int(sys.argv[1])",
                "while left > 0:",
                "    n = min(left, len(buf))",
                "    s.sendall(buf[:n])",
                "    left -= n",
                "s.close()", ""));
        Process server = new ProcessBuilder("python3", script.toString(), Long.toString(size), cert.toString(),
                key.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String port = new String(server.getInputStream().readNBytes(6), StandardCharsets.US_ASCII).trim();
            return timedGet(cert, "https://127.0.0.1:" + port + "/", size);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private double timedGet(Path trust, String url, long size) throws IOException, InterruptedException {
        Process p = start(List.of("--cacert", trust.toString(), "-o", "/dev/null", "-w", "%{size_download}", url));
        long t = System.nanoTime();
        p.getOutputStream().close();
        String got = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        double secs = (System.nanoTime() - t) / 1e9;
        finish(p, "ceiling GET");
        if (!got.equals(Long.toString(size))) {
            throw new AssertionError("curl read " + got + " bytes of " + size + " from a bare TLS server");
        }
        return secs;
    }

    private Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail", "--tlsv1.3", "--tls13-ciphers", suite));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(dir.resolve("curl.err").toFile()).start();
    }

    private void finish(Process p, String what) throws IOException, InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl " + what + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("curl " + what + " failed, exit " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("curl.err")));
        }
    }

    private void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " failed");
        }
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
