package org.xenwbem.bridge.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.xmlrpc.MethodCall;
import org.xenwbem.bridge.xmlrpc.XenApiResult;

/**
 * Dispatches one decoded call the way xapi's generated server does (xenapi.md §2.6): resolve the
 * method (MESSAGE_METHOD_UNKNOWN), check the parameter count (MESSAGE_PARAMETER_COUNT_MISMATCH),
 * then the session (SESSION_INVALID), then RBAC (RBAC_PERMISSION_DENIED), then run the body —
 * or, for {@code Async.}, hand it to a task and return the task ref.
 */
final class SimDispatcher {
    private static final String ASYNC = "Async.";
    private static final String LOGIN = "session.login_with_password";
    private static final String RBAC_MESSAGE = "No permission in the user role to perform this operation";

    private final SimSessions sessions;
    private final SimGetters getters;
    private final SimTasks tasks;
    private final Map<String, SimMethod> methods = new HashMap<>();

    SimDispatcher(SimDatabase db, SimSessions sessions, SimVmPower power, SimTasks tasks, String masterRef) {
        this.sessions = sessions;
        this.getters = new SimGetters(db);
        this.tasks = tasks;
        SimMessages.register(methods, db, sessions, power, tasks, masterRef);
    }

    XenApiResult dispatch(MethodCall call) throws InterruptedException {
        try {
            return new XenApiResult.Success(invoke(call.methodName(), call.params()));
        } catch (SimFault f) {
            return new XenApiResult.Failure(f.description());
        }
    }

    private Object invoke(String name, List<Object> params) throws InterruptedException {
        if (LOGIN.equals(name)) {
            return login(params);
        }
        boolean async = name.startsWith(ASYNC);
        String inner = async ? name.substring(ASYNC.length()) : name;
        SimMethod m = resolve(inner).filter(x -> !async || x.asyncable())
                .orElseThrow(() -> new SimFault("MESSAGE_METHOD_UNKNOWN", name));
        if (params.size() != m.arity()) {
            throw new SimFault("MESSAGE_PARAMETER_COUNT_MISMATCH", name, Integer.toString(m.arity()),
                    Integer.toString(params.size()));
        }
        SimSessions.Session session = sessions.require(params.get(0));
        checkPermission(session, m.permission());
        List<Object> args = params.subList(1, params.size());
        if (!async) {
            return m.body().apply(session, args);
        }
        return tasks.submit(name, () -> {
            try {
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
    private Object login(List<Object> params) throws InterruptedException {
        if (params.size() < 2 || params.size() > 4) {
            throw new SimFault("MESSAGE_PARAMETER_COUNT_MISMATCH", LOGIN, "4", Integer.toString(params.size()));
        }
        String originator = params.size() == 4 ? SimArgs.str(params, 3) : "";
        return sessions.login(SimArgs.str(params, 0), SimArgs.str(params, 1), originator).ref();
    }

    private static void checkPermission(SimSessions.Session session, String permission) {
        SimUser user = session.user();
        if (permission != null && !user.localSuperuser() && !user.role().permissions().contains(permission)) {
            throw new SimFault("RBAC_PERMISSION_DENIED", permission, RBAC_MESSAGE);
        }
    }
}
