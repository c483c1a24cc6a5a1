package org.xenwbem.pack;

import java.util.Locale;

/**
 * The XenServer 7.1+ update metadata: {@code update.xml} (what xapi's parse_update_info requires:
 * uuid, name-label, version, one non-empty name-description; plus installation-size, key and
 * control as build-update writes them) and the comps file whose group {@code update} pulls in
 * {@code update-<label>} (what xapi's apply installs).
 */
final class UpdateMetadata {
    private UpdateMetadata() {
    }

    static String updateXml(PackSettings s, long installationSize, String description) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<update name-label=\"" + s.label() + "\" version=\"" + s.fullVersion() + "\" uuid=\"" + s.uuid() + "\""
                + " installation-size=\"" + installationSize + "\""
                + (s.keyAttribute() ? " key=\"" + s.keyFileName() + "\"" : "")
                + " control=\"control-" + s.label() + "\" enforce-homogeneity=\"false\">\n"
                + "  <name-description>" + escape(description) + "</name-description>\n"
                + "</update>\n";
    }

    static String groupsXml(PackSettings s, String description) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE comps PUBLIC \"-//Red Hat, Inc.//DTD Comps info//EN\" \"comps.dtd\">\n"
                + "<comps>\n"
                + "  <group>\n"
                + "    <id>update</id>\n"
                + "    <name>" + escape(s.label()) + "</name>\n"
                + "    <description>" + escape(description) + "</description>\n"
                + "    <default>true</default>\n"
                + "    <uservisible>true</uservisible>\n"
                + "    <packagelist>\n"
                + "      <packagereq type=\"mandatory\">update-" + s.label() + "</packagereq>\n"
                + "    </packagelist>\n"
                + "  </group>\n"
                + "</comps>\n";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Human size: "38.2 MB". */
    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
