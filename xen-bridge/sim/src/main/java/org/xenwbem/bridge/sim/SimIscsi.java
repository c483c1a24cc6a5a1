package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lvmoiscsi side of SR.probe and SR.create against a real userspace target (tgt), as SM's
 * {@code BaseISCSI.py}/{@code LVHDoISCSISR.py} answer: device-config {@code target}, {@code port}
 * (3260), {@code targetIQN}, {@code SCSIid}. Without targetIQN (or with one the target does not
 * offer): SR_BACKEND_FAILURE_96 whose stderr is {@code <iscsi-target-iqns>} (one {@code <TGT>} per
 * discovered target plus SM's wildcard entry); with targetIQN but no SCSIid (or an unknown one):
 * SR_BACKEND_FAILURE_107 whose stderr is {@code <iscsi-target>} (one {@code <LUN>} per disk LUN).
 * <p>Loopback only (storage.md §11.1): a target other than 127.0.0.1/localhost is refused before
 * anything connects; discovery ({@code iscsi-ls} without {@code -s}, which logs in nowhere) must
 * advertise only 127.0.0.1 portals; LUNs are read by direct login to
 * {@code iscsi://127.0.0.1:PORT/<iqn>/<lun>} ({@code iscsi-inq}, {@code iscsi-readcapacity16}).
 * libiscsi's tools do not print a LUN's NAA designator, so SCSIid is scsi_id's form of the T10
 * vendor designator ({@code 1} + the designator, blanks as {@code _}).
 */
final class SimIscsi {
    private static final int DEFAULT_PORT = 3260;
    private static final int MAX_LUN = 31;
    private static final Pattern TARGET = Pattern.compile("Target:(\\S+) Portal:(\\S+)");

    /** One LUN as SM's probe XML lists it. */
    record Lun(int id, String vendor, String serial, long size, String scsiId) {
    }

    private SimIscsi() {
    }

    /** SR.probe lvmoiscsi: throws SM's 96/107 listing, or returns when targetIQN and SCSIid name a LUN. */
    static Lun probe(Map<String, ?> dc) {
        int port = port(dc);
        Map<String, String> iqns = discover(port);
        String iqn = str(dc, "targetIQN");
        if (iqn.isEmpty() || !iqns.containsKey(iqn)) {
            throw SimStorageFaults.sm(96, "The request is missing or has an incorrect target IQN parameter",
                    iqnXml(iqns, port));
        }
        List<Lun> luns = luns(port, iqn);
        String scsiId = str(dc, "SCSIid");
        for (Lun l : luns) {
            if (!scsiId.isEmpty() && l.scsiId().equals(scsiId)) {
                return l;
            }
        }
        throw SimStorageFaults.sm(107, "The SCSIid parameter is missing or incorrect", lunXml(luns));
    }

    /** SR.create lvmoiscsi: the chosen LUN's size (the SR's physical size), after {@link #probe}'s checks. */
    static long lunSizeForCreate(Map<String, ?> dc) {
        return probe(dc).size();
    }

    private static String str(Map<String, ?> dc, String key) {
        Object v = dc.get(key);
        return v == null ? "" : String.valueOf(v).strip();
    }

    /** The port, after refusing a missing or non-loopback target (nothing connects before this). */
    private static int port(Map<String, ?> dc) {
        String target = str(dc, "target");
        if (target.isEmpty()) {
            throw SimStorageFaults.sm(95, "The request is missing the target parameter", "");
        }
        if (!target.equals("127.0.0.1") && !target.equalsIgnoreCase("localhost")) {
            throw SimStorageFaults.sm(141, "Unable to connect to ISCSI service on target [opterr=the simulator "
                    + "connects to 127.0.0.1 only, not " + target + "]", "");
        }
        String p = str(dc, "port");
        try {
            int port = p.isEmpty() ? DEFAULT_PORT : Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException(p);
            }
            return port;
        } catch (NumberFormatException e) {
            throw SimStorageFaults.sm(142, "Incorrect value for iSCSI port, must be a number between 1 and 65535", "");
        }
    }

    /** SendTargets discovery: IQN → portal; every advertised portal must be 127.0.0.1. */
    static Map<String, String> discover(int port) {
        String out;
        try {
            out = SimCommand.run(List.of("iscsi-ls", "iscsi://127.0.0.1:" + port));
        } catch (IOException e) {
            throw SimStorageFaults.backend(141, "Unable to connect to ISCSI service on target", e);
        }
        Map<String, String> iqns = new LinkedHashMap<>();
        Matcher m = TARGET.matcher(out);
        while (m.find()) {
            String portal = m.group(2);
            if (!portal.startsWith("127.0.0.1:")) {
                throw SimStorageFaults.sm(83, "ISCSI discovery failed [opterr=the target advertised portal "
                        + portal + "; the simulator follows no discovery answer off loopback]", "");
            }
            iqns.put(m.group(1), portal);
        }
        return iqns;
    }

    /** The disk LUNs of {@code iqn}, each read by direct login to 127.0.0.1. */
    static List<Lun> luns(int port, String iqn) {
        List<Lun> out = new ArrayList<>();
        for (int lun = 0; lun <= MAX_LUN; lun++) {
            String url = "iscsi://127.0.0.1:" + port + "/" + iqn + "/" + lun;
            String inq;
            try {
                inq = SimCommand.run(List.of("iscsi-inq", url));
            } catch (IOException e) {
                continue;
            }
            if (!inq.contains("Peripheral Device Type:DIRECT_ACCESS")) {
                continue;
            }
            try {
                String serial = field(SimCommand.run(List.of("iscsi-inq", "-e", "1", "-c", "128", url)),
                        "Unit Serial Number:");
                String t10 = field(SimCommand.run(List.of("iscsi-inq", "-e", "1", "-c", "131", url)), "Designator:");
                long size = Long.parseLong(field(SimCommand.run(List.of("iscsi-readcapacity16", url)), "Total size:"));
                out.add(new Lun(lun, field(inq, "Vendor:"), serial, size, "1" + t10.replace(' ', '_')));
            } catch (IOException | NumberFormatException e) {
                throw SimStorageFaults.backend(67, "ISCSI device failed to appear", e);
            }
        }
        return out;
    }

    /** The value after {@code key} on its last line, brackets and blanks trimmed. */
    private static String field(String text, String key) {
        String found = "";
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                found = line.substring(key.length()).strip();
            }
        }
        if (found.startsWith("[") && found.endsWith("]")) {
            found = found.substring(1, found.length() - 1).strip();
        }
        return found;
    }

    static String iqnXml(Map<String, String> iqns, int port) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" ?>\n<iscsi-target-iqns>\n");
        int index = 0;
        for (String iqn : iqns.keySet()) {
            tgt(sb, index++, port, iqn);
        }
        tgt(sb, index, port, "*");
        return sb.append("</iscsi-target-iqns>\n").toString();
    }

    private static void tgt(StringBuilder sb, int index, int port, String iqn) {
        sb.append("\t<TGT>\n\t\t<Index>").append(index).append("</Index>\n\t\t<IPAddress>127.0.0.1</IPAddress>\n");
        if (port != DEFAULT_PORT) {
            sb.append("\t\t<Port>").append(port).append("</Port>\n");
        }
        sb.append("\t\t<TargetIQN>").append(xml(iqn)).append("</TargetIQN>\n\t</TGT>\n");
    }

    static String lunXml(List<Lun> luns) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" ?>\n<iscsi-target>\n");
        for (Lun l : luns) {
            sb.append("\t<LUN>\n\t\t<vendor>").append(xml(l.vendor())).append("</vendor>\n\t\t<serial>")
                    .append(xml(l.serial())).append("</serial>\n\t\t<LUNid>").append(l.id())
                    .append("</LUNid>\n\t\t<size>").append(l.size()).append("</size>\n\t\t<SCSIid>")
                    .append(xml(l.scsiId())).append("</SCSIid>\n\t</LUN>\n");
        }
        return sb.append("</iscsi-target>\n").toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
