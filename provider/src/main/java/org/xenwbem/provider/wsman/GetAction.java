package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;

/** WS-Transfer Get of one instance (DSP0226 §7.3). */
final class GetAction {
    static final WsmanAction ACTION = new TypedAction<>(GetRequest::decode, GetAction::execute, TransferEncoder::get);

    private GetAction() {
    }

    static TransferEncoder.Instance execute(GetRequest q, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(q.resourceUri(), q.selectors(), ex.ops());
        CimObjectPath path = Targets.path(t, q.selectors(), ex.ops());
        CimInstance inst;
        try {
            inst = ex.ops().getInstance(ex.caller(), path);
        } catch (CimException e) {
            throw Faults.from(e);
        }
        Fragments.Target fragment = q.fragment() == null ? null : Fragments.resolve(q.fragment(), inst.cimClass());
        return new TransferEncoder.Instance(inst, fragment, t.uri(), q.excludeNil());
    }
}
