package org.xenwbem.tests.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * update.xml as xapi reads it (xapi_pool_update.ml parse_update_info) and as build-update
 * validates it, re-implemented from the reference (§3.2–3.4): root {@code update}; mandatory
 * {@code uuid} (lower-case UUID), {@code name-label} ({@code [\w-]+}) and {@code version}; one
 * {@code name-description} holding exactly one text node; {@code installation-size} an int64;
 * guidance tokens from the known set; {@code enforce-homogeneity} a boolean; {@code control} set
 * (the host installer passes it to dnf).
 */
final class UpdateRules {
    private static final Pattern UUID = Pattern.compile("[\\da-f]{8}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{12}");
    private static final Pattern LABEL = Pattern.compile("[\\w-]+");
    private static final Set<String> GUIDANCE = Set.of("restartHVM", "restartPV", "restartHost", "restartXAPI");

    private UpdateRules() {
    }

    static List<String> violations(Document d) {
        List<String> v = new ArrayList<>();
        Element u = d.getDocumentElement();
        if (!"update".equals(u.getTagName())) {
            v.add("missing <update> in update.xml");
            return v;
        }
        for (String a : List.of("uuid", "name-label", "version")) {
            if (!u.hasAttribute(a)) {
                v.add("missing <" + a + "> in update.xml");
            }
        }
        if (u.hasAttribute("uuid") && !UUID.matcher(u.getAttribute("uuid")).matches()) {
            v.add("uuid is not a lower-case UUID: " + u.getAttribute("uuid"));
        }
        if (u.hasAttribute("name-label") && !LABEL.matcher(u.getAttribute("name-label")).matches()) {
            v.add("name-label does not match [\\w-]+: " + u.getAttribute("name-label"));
        }
        List<Element> descs = Xml.all(u, "name-description");
        if (descs.size() != 1 || descs.get(0).getChildNodes().getLength() != 1
                || descs.get(0).getFirstChild().getNodeType() != Node.TEXT_NODE
                || descs.get(0).getTextContent().isBlank()) {
            v.add("missing <name-description>");
        }
        try {
            if (Long.parseLong(u.getAttribute("installation-size")) <= 0) {
                v.add("Issue with <installation-size>");
            }
        } catch (NumberFormatException e) {
            v.add("Issue with <installation-size>");
        }
        if (u.hasAttribute("after-apply-guidance") && !u.getAttribute("after-apply-guidance").isEmpty()) {
            for (String g : u.getAttribute("after-apply-guidance").split(",")) {
                if (!GUIDANCE.contains(g)) {
                    v.add("unknown after-apply-guidance " + g + " (xapi would drop all guidance)");
                }
            }
        }
        if (u.hasAttribute("enforce-homogeneity") && !Set.of("true", "false").contains(u.getAttribute("enforce-homogeneity"))) {
            v.add("enforce-homogeneity is not a boolean");
        }
        if (u.getAttribute("control").isEmpty()) {
            v.add("no control package (the host installer would pass '' to dnf)");
        }
        return v;
    }
}
