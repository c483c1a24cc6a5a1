package org.xenwbem.provider.classes.vm;

import java.util.Map;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.vm.VmSources.Owned;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;
import org.xenwbem.provider.methods.TabledMethodProvider;

/**
 * {@code Xen_Console.Login} / {@code Logout}. The anchor declared them and did nothing; here Login
 * opens a new xapi session as the caller and returns, as SessionIdentifier, the console's
 * {@code location} with that session's {@code session_id} appended: the URL xapi's {@code /console}
 * handler accepts (xapi checks the caller's role there: its {@code connect_console} HTTP action
 * needs vm-operator, so Login asks for that role too). The session lives until its owner's Logout,
 * its expiry ({@link ConsoleSessions#lifetime()}) or the daemon's shutdown.
 */
public final class ConsoleAccess extends TabledMethodProvider {
    private final ConsoleSessions sessions;

    public ConsoleAccess(MethodEnvironment env, ConsoleSessions sessions) {
        super(env, VmConsoleProvider.CLASS);
        this.sessions = sessions;
        methods().method("Login", Rbac.VM_OPERATOR, "open a VM's console", this::login)
                .method("Logout", Rbac.READ_ONLY, "close a console session", this::logout);
    }

    private MethodResult login(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        Object id = target.key("DeviceID");
        Owned<ConsoleRecord> c = VmSources.console(env.pool().get(), id == null ? null : id.toString(), VmSources.SYSTEMS)
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no console " + id
                        + " (a VM has consoles only while it runs)"));
        if (!sessions.reserve(ctx.user())) {
            throw new CimException(CimStatus.FAILED, ctx.user() + " already holds " + ConsoleSessions.MAX_PER_USER
                    + " console sessions: Logout one, or wait until one expires");
        }
        PoolSession session;
        try {
            session = env.sessionFor(ctx);
        } catch (CimException | RuntimeException e) {
            sessions.release(ctx.user());
            throw e;
        }
        String sid = sessions.remember(ctx.user(), c.device().uuid(), c.device().location(), session);
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("SessionIdentifier", sid));
    }

    private MethodResult logout(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        if (!(in.get("SessionIdentifier") instanceof String sid) || sid.isEmpty()) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        return switch (sessions.logout(ctx.user(), sid)) {
            case LOGGED_OUT -> MethodResult.of(MethodEnvironment.COMPLETED);
            case UNKNOWN -> MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
            case NOT_OWNER -> throw new CimException(CimStatus.ACCESS_DENIED,
                    ctx.user() + " may not log out a console session another user opened");
        };
    }
}
