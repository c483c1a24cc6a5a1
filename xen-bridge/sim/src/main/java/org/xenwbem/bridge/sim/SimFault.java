package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;

/** A XenAPI failure raised inside the simulator; the dispatcher turns it into {@code ErrorDescription}. */
final class SimFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> description;

    SimFault(String code, String... params) {
        super(code, null, false, false);
        List<String> d = new ArrayList<>(params.length + 1);
        d.add(code);
        d.addAll(List.of(params));
        this.description = List.copyOf(d);
    }

    List<String> description() {
        return description;
    }

    static SimFault handleInvalid(String cls, String ref) {
        return new SimFault("HANDLE_INVALID", cls, ref);
    }
}
