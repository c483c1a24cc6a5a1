package org.xenwbem.bridge.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A logged-in XenAPI session. The session reference stays private: it is passed as the first
 * parameter of every call and never printed ({@link #toString()} shows only user and endpoint).
 */
public final class XenApiSession {
    private static final String ASYNC = "Async.";

    private final XenApiConnection connection;
    private final String ref;
    private final String user;

    XenApiSession(XenApiConnection connection, String ref, String user) {
        this.connection = connection;
        this.ref = ref;
        this.user = user;
    }

    public String user() {
        return user;
    }

    public XenApiConnection connection() {
        return connection;
    }

    /** {@code method(session, params…)}. */
    public Object call(String method, Object... params) throws XenApiException, XenApiTransportException {
        return call(connection.callTimeout(), method, Arrays.asList(params));
    }

    public Object call(Duration timeout, String method, List<?> params) throws XenApiException, XenApiTransportException {
        List<Object> all = new ArrayList<>(params.size() + 1);
        all.add(ref);
        all.addAll(params);
        return connection.call(timeout, method, all);
    }

    /**
     * {@code method(session, params…)} whose struct result is handed out member by member (see
     * {@link XenApiConnection#callStreamed}).
     */
    public void callStreamed(Duration timeout, String method, List<?> params,
                             java.util.function.BiConsumer<String, Object> members)
            throws XenApiException, XenApiTransportException {
        List<Object> all = new ArrayList<>(params.size() + 1);
        all.add(ref);
        all.addAll(params);
        connection.callStreamed(timeout, method, all, members);
    }

    /**
     * {@code Async.<method>(session, params…)} (xenapi.md §2.5): returns at once with a handle on the
     * task xapi created; {@link TaskHandle#await} polls it and decodes the result. {@code method} may
     * be given with or without the {@code Async.} prefix.
     */
    public TaskHandle callAsync(String method, Object... params) throws XenApiException, XenApiTransportException {
        String wire = method.startsWith(ASYNC) ? method : ASYNC + method;
        Object task = call(wire, params);
        if (!(task instanceof String t) || t.isEmpty()) {
            throw new XenApiTransportException(wire + " returned no task reference");
        }
        return new TaskHandle(this, t, wire);
    }

    /**
     * An HTTP upload that reports on a task of the caller's (xapi's {@code task_id} parameter, as for
     * {@code PUT /import_metadata}): {@code task.create}, the PUT, then the task awaited; returns its
     * decoded result. A refused PUT throws the task's error when the task has one. The task ref never
     * leaves this method.
     */
    public Object putWithTask(String label, String path, java.util.Map<String, ?> query, java.io.InputStream body,
                              long length, Duration timeout)
            throws XenApiException, XenApiTransportException, java.util.concurrent.TimeoutException {
        Object ref = call("task.create", label, "");
        if (!(ref instanceof String t) || t.isEmpty()) {
            throw new XenApiTransportException("task.create returned no task reference");
        }
        try (TaskHandle task = new TaskHandle(this, t, path)) {
            java.util.Map<String, Object> q = new java.util.LinkedHashMap<>(query);
            q.put("task_id", t);
            try {
                http().put(null, path, q, body, length, timeout);
            } catch (XenApiTransportException e) {
                // xapi reports why on the task: its error (thrown by await) says more than the HTTP status
                try {
                    task.await(Duration.ofSeconds(5));
                } catch (java.util.concurrent.TimeoutException pending) {
                    throw e;
                }
                throw e;
            }
            return task.await(timeout);
        }
    }

    /** {@code method(session, session)}: the session's own getters, e.g. {@code session.get_is_local_superuser}. */
    public Object callOnSelf(String method) throws XenApiException, XenApiTransportException {
        return connection.call(method, ref, ref);
    }

    /** xapi's HTTP handlers ({@code /rrd_updates}, {@code /import_raw_vdi}, …) authenticated by this session. */
    public XenApiHttp http() {
        return new XenApiHttp(connection, ref);
    }

    /**
     * {@code url} with this session's {@code session_id} query parameter, as xapi's HTTP handlers
     * ({@code /console} included) authenticate a client: for handing to the user the session is theirs.
     */
    public String authorise(String url) {
        return url + (url.indexOf('?') < 0 ? "?" : "&") + "session_id="
                + java.net.URLEncoder.encode(ref, java.nio.charset.StandardCharsets.UTF_8);
    }

    public void logout() throws XenApiException, XenApiTransportException {
        connection.call("session.logout", ref);
    }

    @Override
    public String toString() {
        return "XenApiSession[user=" + user + ", " + connection.url().getHost() + "]";
    }
}
