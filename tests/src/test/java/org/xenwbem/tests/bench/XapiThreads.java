package org.xenwbem.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;

/** Thread dumps of this JVM (daemon, bridge and simulator run in it) for {@link XapiFaultsTest}. */
final class XapiThreads {
    private XapiThreads() {
    }

    static boolean daemonThread(String name) {
        return name.startsWith("xenwbem-") || name.startsWith("xen-bridge-");
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ThreadInfo ti : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            names.add(ti.getThreadName());
        }
        return names;
    }

    /**
     * Daemon and bridge threads waiting on xapi (a call's response or a socket read), the simulator's
     * own threads and the mirror's event poll (checked through its health instead) aside.
     */
    static List<String> inXapiCalls() {
        List<String> in = new ArrayList<>();
        for (ThreadInfo ti : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            String stack = stackOf(ti);
            boolean socketRead = stack.contains("SocketDispatcher.read") || stack.contains("NioSocketImpl.read")
                    || stack.contains("SocketInputStream.read");
            boolean bridgeWaits = stack.contains("org.xenwbem.bridge.") && (socketRead
                    || stack.contains("HttpClientImpl.send") || stack.contains("HttpResponseInputStream"));
            if (bridgeWaits && !stack.contains("org.xenwbem.bridge.sim.") && !stack.contains("XapiPoolMirror")) {
                in.add(ti.getThreadName() + ":\n" + stack);
            }
        }
        return in;
    }

    static String stackOf(ThreadInfo ti) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : ti.getStackTrace()) {
            sb.append("  at ").append(e).append('\n');
        }
        return sb.toString();
    }
}
