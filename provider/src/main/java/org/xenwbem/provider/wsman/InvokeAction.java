package org.xenwbem.provider.wsman;

import java.util.Map;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;

/**
 * Custom-action Invoke (DSP0227 §9): Action {@code <resourceURI>/<Method>}, body {@code <Method>_INPUT}
 * typed against the method's declaration ({@link Parameters}), the
 * method run by the core, answered with {@code <Method>_OUTPUT} holding out parameters and ReturnValue
 * ({@link InvokeEncoder}).
 */
final class InvokeAction {
    private InvokeAction() {
    }

    /** The action invoking {@code method}. */
    static WsmanAction of(String method) {
        return new TypedAction<>(req -> InvokeRequest.decode(req, method), InvokeAction::execute,
                InvokeEncoder::output);
    }

    /** What a method returned, with the class and resource URI its answer is written for. */
    record Invoked(Targets.Target target, CimMethod method, MethodResult result) {
    }

    static Invoked execute(InvokeRequest q, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(q.resourceUri(), q.selectors(), ex.ops());
        CimObjectPath target = Targets.path(t, q.selectors(), ex.ops());
        try {
            CimMethod m = ex.ops().method(t.namespace(), t.cimClass().name(), q.method());
            Map<String, Object> in = q.parameters().typed(m, ex.ops().classes(t.namespace()), t.namespace(),
                    TransferWrites.keyPaths(ex), epr -> Targets.parameterPath(epr, ex.ops()));
            return new Invoked(t, m, ex.ops().invokeMethod(ex.caller(), target, m.name(), in));
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }
}
