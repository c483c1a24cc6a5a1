package org.xenwbem.bridge.storagetest;

import java.nio.file.Path;

/** The ceph.conf of the test cluster (storage.md §2.2), every path under the cluster's state directory. */
final class CephConf {
    private CephConf() {
    }

    static String text(Path dir, String fsid, String monHost, String objectstore) {
        String d = dir.toString();
        return """
                [global]
                fsid = %2$s
                mon initial members = a
                mon host = %3$s
                public network = 127.0.0.0/8
                ms bind ipv4 = true
                ms bind ipv6 = false
                auth cluster required = cephx
                auth service required = cephx
                auth client required = cephx
                keyring = %1$s/$cluster.$name.keyring
                run dir = %1$s/run
                pid file = %1$s/run/$name.pid
                admin socket = %1$s/run/$name.asok
                log file = %1$s/log/$name.log
                crash dir = %1$s/crash
                osd pool default size = 1
                osd pool default min size = 1
                osd pool default pg num = 8
                osd pool default pgp num = 8
                osd crush chooseleaf type = 0
                osd pool default pg autoscale mode = off
                mon allow pool size one = true
                mon allow pool delete = true
                mon warn on pool no redundancy = false
                mon data avail warn = 1
                mon data avail crit = 0
                osd objectstore = %4$s

                [client]
                admin socket =
                log file = %1$s/log/client.log

                [mon]
                paxos propose interval = 0.05
                mon osd initial require min compat client = mimic
                mon data = %1$s/mon/$cluster-$id

                [osd]
                osd data = %1$s/osd/$cluster-$id
                osd memory target = 939524096
                memstore device bytes = 2147483648
                bluestore block create = true
                bluestore block size = %5$d
                bluestore block db create = false
                bluestore block wal create = false
                bluestore fsck on mkfs = false
                bluestore cache size = 134217728
                bdev aio poll ms = 20
                osd op num shards = 1
                """.formatted(d, fsid, monHost, objectstore, Ceph.BLUESTORE_BYTES);
    }
}
