package org.xenwbem.bridge.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.xmlrpc.MethodCall;
import org.xenwbem.bridge.xmlrpc.XenApiResult;

/**
 * Dispatches one decoded call the way xapi's generated server does (xenapi.md §2.6, §2.9): a TCP
 * endpoint of a host that is not the master answers HOST_IS_SLAVE with the master's address; then
 * resolve the method (MESSAGE_METHOD_UNKNOWN), check the parameter count
 * (MESSAGE_PARAMETER_COUNT_MISMATCH), the session (SESSION_INVALID), RBAC (RBAC_PERMISSION_DENIED),
 * an injected error ({@link SimFaults}), then run the body — or, for {@code Async.}, hand it to a task
 * and return the task ref. On a Unix-socket endpoint any credentials log in as the local superuser.
 */
final class SimDispatcher {
    private static final String ASYNC = "Async.";
    private static final String LOGIN = "session.login_with_password";
    private static final String LIST_METHODS = "system.listMethods";
    private static final String RBAC_MESSAGE = "No permission in the user role to perform this operation";

    private final SimDatabase db;
    private final SimSessions sessions;
    private final SimGetters getters;
    private final SimTasks tasks;
    private final SimFaults faults;
    private final String poolRef;
    private final Map<String, SimMethod> methods = new HashMap<>();
    private final SimStandaloneHosts standalone;

    SimDispatcher(SimDatabase db, SimSessions sessions, SimVmPower power, SimTasks tasks, SimFaults faults,
                  SimPoolSeeder.Layout layout, SimRrd rrd, SimStandaloneHosts standalone) {
        this.standalone = standalone;
        this.db = db;
        this.sessions = sessions;
        this.getters = new SimGetters(db);
        this.tasks = tasks;
        this.faults = faults;
        this.poolRef = layout.poolRef();
        SimMessages.register(methods, db, sessions, power, tasks, layout.masterRef());
        SimDataSources.register(methods, db, rrd);
        SimIntrospection.register(methods, db);
        new SimPoolOps(db, standalone).register(methods);
    }

    /** Registers more messages (a feature kept in its own class). */
    void extend(java.util.function.Consumer<Map<String, SimMethod>> registrar) {
        registrar.accept(methods);
    }

    XenApiResult dispatch(MethodCall call, SimEndpoint endpoint) throws InterruptedException {
        try {
            if (endpoint.standaloneAddress() != null) {
                String member = standalone.memberAt(endpoint.standaloneAddress());
                if (member == null) {
                    faults.checkError(call.methodName());
                    return new XenApiResult.Success(standalone.invoke(endpoint.standaloneAddress(),
                            call.methodName(), call.params()));
                }
                return dispatch(call, SimEndpoint.host(member));
            }
            String ejected = standalone.ejectedAddress(endpoint.hostRef());
            if (ejected != null) {
                return dispatch(call, SimEndpoint.standalone(ejected));
            }
            requireMaster(endpoint);
            return new XenApiResult.Success(invoke(call.methodName(), call.params(), endpoint));
        } catch (SimFault f) {
            return new XenApiResult.Failure(f.description());
        }
    }

    /** The ref of the current pool master. */
    String masterRef() {
        return db.atomically(() -> (String) db.get("pool", poolRef, "master"));
    }

    /** The host an endpoint stands for: its own, or the master for the pool-wide endpoint. */
    String hostOf(SimEndpoint endpoint) {
        return endpoint.hostRef() != null ? endpoint.hostRef() : masterRef();
    }

    private void requireMaster(SimEndpoint endpoint) {
        if (endpoint.unixSocket() || endpoint.hostRef() == null) {
            return;
        }
        String master = masterRef();
        if (!endpoint.hostRef().equals(master)) {
            throw new SimFault("HOST_IS_SLAVE", String.valueOf(db.get("host", master, "address")));
        }
    }

    private Object invoke(String name, List<Object> params, SimEndpoint endpoint) throws InterruptedException {
        if (LOGIN.equals(name)) {
            return login(params, endpoint);
        }
        if (LIST_METHODS.equals(name)) {
            return SimIntrospection.listMethods(methods);
        }
        boolean async = name.startsWith(ASYNC);
        String inner = async ? name.substring(ASYNC.length()) : name;
        SimMethod m = resolve(inner).filter(x -> !async || x.asyncable())
                .orElseThrow(() -> new SimFault("MESSAGE_METHOD_UNKNOWN", name));
        if (!m.accepts(params.size())) {
            throw new SimFault("MESSAGE_PARAMETER_COUNT_MISMATCH", name, Integer.toString(m.arity()),
                    Integer.toString(params.size()));
        }
        SimSessions.Session session = sessions.require(params.get(0));
        checkPermission(session, m.permission());
        List<Object> args = params.subList(1, params.size());
        if (!async) {
            faults.checkError(inner);
            return m.body().apply(session, args);
        }
        return tasks.submit(name, () -> {
            try {
                faults.checkError(inner);
                return m.body().apply(session, args);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SimFault("TASK_CANCELLED", "interrupted");
            }
        });
    }

    private Optional<SimMethod> resolve(String name) {
        SimMethod explicit = methods.get(name);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        return getters.resolve(name.substring(0, dot), name.substring(dot + 1));
    }

    /** {@code session.login_with_password(uname, pwd[, version[, originator]])}: trailing params default. */
    private Object login(List<Object> params, SimEndpoint endpoint) throws InterruptedException {
        if (params.size() < 2 || params.size() > 4) {
            throw new SimFault("MESSAGE_PARAMETER_COUNT_MISMATCH", LOGIN, "4", Integer.toString(params.size()));
        }
        String originator = params.size() == 4 ? SimArgs.str(params, 3) : "";
        faults.checkError(LOGIN);
        if (endpoint.unixSocket()) {
            return sessions.loginLocal(originator, hostOf(endpoint)).ref();
        }
        return sessions.login(SimArgs.str(params, 0), SimArgs.str(params, 1), originator, hostOf(endpoint)).ref();
    }

    private static void checkPermission(SimSessions.Session session, String permission) {
        SimUser user = session.user();
        if (permission != null && !user.localSuperuser() && !user.role().permissions().contains(permission)) {
            throw new SimFault("RBAC_PERMISSION_DENIED", permission, RBAC_MESSAGE);
        }
    }
}
