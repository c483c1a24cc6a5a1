package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.xenwbem.bridge.jsonrpc.JsonReader;
import org.xenwbem.bridge.jsonrpc.JsonWriter;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;
import org.xenwbem.tls.TlsPolicy;

/**
 * A fake ONTAP cluster, built from NetApp's public REST documentation (ONTAP 9.8+ reference pages
 * "POST /storage/file/clone", "GET /cluster/jobs/{uuid}", "GET/DELETE /storage/volumes/{volume.uuid}/files/{path}",
 * "GET /storage/volumes"): https on 127.0.0.1 with a self-signed certificate, HTTP basic auth, one SVM with
 * one volume backed by a directory. Asynchronous calls answer 202 with a job that reports
 * {@code running} once, then {@code success} or {@code failure}. Only the shapes the adapter uses.
 */
final class FakeOntap implements AutoCloseable {
    final Path volumeDir;
    final String svm = "svm1";
    final String volumeName = "xen_nfs";
    final String volumeUuid = UUID.randomUUID().toString();
    final String user = "xenwbem";
    final String password = "s3cret-" + UUID.randomUUID();
    final ServerIdentity identity;
    /** Requests seen, by "METHOD path". */
    final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    /** When set, the next clone job copies the file and then reports failure (an array failing half-way). */
    volatile boolean failNextCloneAfterCopy;

    private final Server server;
    private final Map<String, Map<String, Object>> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    FakeOntap(Path volumeDir, Path stateDir) throws Exception {
        this.volumeDir = volumeDir;
        this.identity = ServerIdentity.loadOrGenerate(stateDir,
                HostNames.of("localhost", List.of(InetAddress.getByName("127.0.0.1"))));
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(TlsPolicy.serverContextFactory(identity),
                "http/1.1"), new HttpConnectionFactory(http));
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The arrays.conf section that points xenwbem at this fake, the certificate pinned. */
    String configSection(String srUuid) {
        return "[ontap fake]\naddress = 127.0.0.1\nport = " + port() + "\nusername = " + user + "\npassword = " + password
                + "\nsvm = " + svm + "\nvolume = " + volumeName + "\ncert_sha256 = " + identity.sha256Fingerprint()
                + "\nsrs = " + srUuid + "\nformat = raw\n";
    }

    private void serve(Request request, Response response, Callback callback) throws IOException {
        String raw = request.getHttpURI().getPath();
        seen.add(request.getMethod() + " " + raw);
        if (!authorized(request)) {
            reply(response, callback, 401, error("User is not authorized.", "6"));
            return;
        }
        String method = request.getMethod();
        String filesPrefix = "/api/storage/volumes/" + volumeUuid + "/files/";
        if (raw.equals("/api/storage/volumes") && method.equals("GET")) {
            reply(response, callback, 200, volumes(Request.extractQueryParameters(request).getValue("name"),
                    Request.extractQueryParameters(request).getValue("svm.name")));
        } else if (raw.equals("/api/storage/volumes/" + volumeUuid) && method.equals("GET")) {
            reply(response, callback, 200, Map.of("uuid", volumeUuid, "name", volumeName, "space", space()));
        } else if (raw.startsWith(filesPrefix)) {
            files(method, URLDecoder.decode(raw.substring(filesPrefix.length()), StandardCharsets.UTF_8), response,
                    callback);
        } else if (raw.equals("/api/storage/file/clone") && method.equals("POST")) {
            clone((Map<?, ?>) parse(Content.Source.asString(request, StandardCharsets.UTF_8)), response, callback);
        } else if (raw.startsWith("/api/cluster/jobs/") && method.equals("GET")) {
            job(raw.substring("/api/cluster/jobs/".length()), response, callback);
        } else {
            reply(response, callback, 404, error("API not found", "3"));
        }
    }

    private boolean authorized(Request request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(request.getHeaders().get("Authorization"));
    }

    private Map<String, Object> volumes(String name, String svmName) {
        List<Object> records = new ArrayList<>();
        if (volumeName.equals(name) && svm.equals(svmName)) {
            records.add(Map.of("uuid", volumeUuid, "name", volumeName, "nas", Map.of("path", "/" + volumeName)));
        }
        return Map.of("records", records, "num_records", records.size());
    }

    private Map<String, Object> space() throws IOException {
        FileStore store = Files.getFileStore(volumeDir);
        long used = store.getTotalSpace() - store.getUnallocatedSpace();
        long logical = used;
        try (Stream<Path> all = Files.walk(volumeDir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                logical += Files.size(p);
            }
        }
        return Map.of("size", store.getTotalSpace(), "available", store.getUnallocatedSpace(), "used", used,
                "logical_space", Map.of("used", logical));
    }

    private void files(String method, String path, Response response, Callback callback) throws IOException {
        Path p = volumeDir.resolve(path).normalize();
        if (!p.startsWith(volumeDir) || !Files.exists(p)) {
            reply(response, callback, 404, error("Entry doesn't exist.", "917525"));
        } else if (method.equals("DELETE")) {
            Files.delete(p);
            reply(response, callback, 200, Map.of());
        } else if (Files.isDirectory(p)) {
            List<Object> records = new ArrayList<>();
            try (Stream<Path> s = Files.list(p)) {
                for (Path f : s.toList()) {
                    records.add(entry(f));
                }
            }
            reply(response, callback, 200, Map.of("records", records, "num_records", records.size()));
        } else {
            reply(response, callback, 200, Map.of("records", List.of(entry(p)), "num_records", 1));
        }
    }

    private Map<String, Object> entry(Path f) throws IOException {
        return Map.of("path", volumeDir.relativize(f).toString(), "name", f.getFileName().toString(), "type",
                Files.isDirectory(f) ? "directory" : "file", "size", Files.size(f));
    }

    private void clone(Map<?, ?> body, Response response, Callback callback) throws IOException {
        Map<?, ?> volume = body.get("volume") instanceof Map<?, ?> m ? m : Map.of();
        if (!volumeUuid.equals(volume.get("uuid"))) {
            reply(response, callback, 404, error("Volume not found.", "917927"));
            return;
        }
        Path src = volumeDir.resolve(String.valueOf(body.get("source_path"))).normalize();
        Path dst = volumeDir.resolve(String.valueOf(body.get("destination_path"))).normalize();
        String failure = null;
        if (!Files.isRegularFile(src)) {
            failure = "Entry doesn't exist: " + body.get("source_path");
        } else if (Files.exists(dst) && !Boolean.TRUE.equals(body.get("overwrite_destination"))) {
            failure = "Destination file already exists.";
        } else {
            FakeArrayCopy.copy(src, dst);
            if (failNextCloneAfterCopy) {
                failNextCloneAfterCopy = false;
                failure = "Clone operation failed: out of space.";
            }
        }
        String job = UUID.randomUUID().toString();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("uuid", job);
        state.put("state", failure == null ? "success" : "failure");
        state.put("message", failure == null ? "success" : failure);
        state.put("code", failure == null ? 0 : 13);
        jobs.put(job, state);
        polls.put(job, new AtomicInteger());
        reply(response, callback, 202, Map.of("job", Map.of("uuid", job, "_links", Map.of("self",
                Map.of("href", "/api/cluster/jobs/" + job)))));
    }

    private void job(String uuid, Response response, Callback callback) {
        Map<String, Object> j = jobs.get(uuid);
        if (j == null) {
            reply(response, callback, 404, error("Job not found.", "4"));
        } else if (polls.get(uuid).getAndIncrement() == 0) {
            reply(response, callback, 200, Map.of("uuid", uuid, "state", "running", "message", "Running"));
        } else {
            reply(response, callback, 200, j);
        }
    }

    private static Map<String, Object> error(String message, String code) {
        return Map.of("error", Map.of("message", message, "code", code));
    }

    private static Object parse(String text) throws IOException {
        try {
            return JsonReader.parse(text);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void reply(Response response, Callback callback, int status, Map<String, ?> body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/hal+json");
        response.write(true, ByteBuffer.wrap(JsonWriter.write(body).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
