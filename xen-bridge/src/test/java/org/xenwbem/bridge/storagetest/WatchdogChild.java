package org.xenwbem.bridge.storagetest;

import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM of {@link StorageDaemonsTest#daemonsStopWhenTheJvmIsKilled}: starts every daemon, prints
 * "READY state=DIR mount=DIR pids=P,P,..." and waits to be killed with -9.
 */
public final class WatchdogChild {
    private WatchdogChild() {
    }

    public static void main(String[] args) throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        ReflinkXfs xfs = StorageDaemons.xfs();
        Tgt tgt = StorageDaemons.tgt();
        List<String> pids = new ArrayList<>();
        ceph.pids().forEach(p -> pids.add(Long.toString(p)));
        pids.add(Long.toString(tgt.pid()));
        System.out.println("READY state=" + StorageDaemons.stateDir() + " mount=" + xfs.root()
                + " pids=" + String.join(",", pids));
        System.out.flush();
        Thread.sleep(600_000);
    }
}
