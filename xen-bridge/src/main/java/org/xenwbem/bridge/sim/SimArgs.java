package org.xenwbem.bridge.sim;

import java.util.List;

/** Lenient readers for call parameters: xapi accepts ints and bools in several XML-RPC forms. */
final class SimArgs {
    private SimArgs() {
    }

    static String str(List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof String s) {
            return s;
        }
        throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
    }

    static boolean bool(List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "1".equals(v)) {
            return true;
        }
        if ("false".equals(v) || "0".equals(v)) {
            return false;
        }
        throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
    }

    static long int64(List<Object> args, int i) {
        Object v = args.get(i);
        try {
            if (v instanceof Number n) {
                return n.longValue();
            }
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
        }
    }

    static double dbl(List<Object> args, int i) {
        Object v = args.get(i);
        try {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
        }
    }
}
