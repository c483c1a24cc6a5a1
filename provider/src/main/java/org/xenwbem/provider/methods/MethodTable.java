package org.xenwbem.provider.methods;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The extrinsic methods of one CIM class as a table: method name (case-insensitive, as CIM names are)
 * → the xapi role the caller needs, what the role lets it do (for the ACCESS_DENIED message) and the
 * handler. The opening every method shares lives here once: an unknown method is
 * CIM_ERR_METHOD_NOT_AVAILABLE (unless the class declares a fallback), the role is checked before
 * the handler runs, and a XenAPI failure the handler lets through is mapped by
 * {@link MethodEnvironment#toCim}. Handlers get the parameters already decoded, as the core passes them.
 */
public final class MethodTable {
    /** One extrinsic method: the code that runs once the caller's role has been checked. */
    @FunctionalInterface
    public interface Handler {
        MethodResult handle(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
                throws CimException, XenFailure;
    }

    /** A row: role needed, what it allows ({@code {method}} stands for the method's name), handler. */
    private record Entry(Rbac role, String what, Handler handler) {
        String what(CimMethod method) {
            return what.replace("{method}", method.name());
        }
    }

    private final String className;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private Entry fallback;

    private MethodTable(String className) {
        this.className = className;
    }

    /** An empty table for {@code className}'s methods. */
    public static MethodTable of(String className) {
        return new MethodTable(className);
    }

    /** Adds {@code name}, runnable by callers holding {@code role} or stronger. */
    public MethodTable method(String name, Rbac role, String what, Handler handler) {
        entries.put(name.toLowerCase(Locale.ROOT), new Entry(role, what, handler));
        return this;
    }

    /** What a declared method without a row gets (instead of METHOD_NOT_AVAILABLE), after the role check. */
    public MethodTable otherwise(Rbac role, String what, Handler handler) {
        fallback = new Entry(role, what, handler);
        return this;
    }

    public String className() {
        return className;
    }

    /** The role {@code method} needs; null when the table has no row and no fallback for it. */
    public Rbac roleOf(String method) {
        Entry e = entries.getOrDefault(method.toLowerCase(Locale.ROOT), fallback);
        return e == null ? null : e.role();
    }

    /** Finds the row, checks the role, runs the handler. */
    public MethodResult invoke(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        Entry e = entries.getOrDefault(method.name().toLowerCase(Locale.ROOT), fallback);
        if (e == null) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, className + "." + method.name() + " is not available");
        }
        Rbac.require(ctx, e.role(), e.what(method));
        try {
            return e.handler().handle(ctx, target, method, in);
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
    }
}
