package org.xenwbem.provider.wsman;

import java.util.Locale;

/**
 * Maps resource URIs to CIM classes and back. Accepted forms: {@code http://<any host>/wbem/wscim/1/
 * cim-schema/2/<Class>} (the host part is not significant, as in the anchor) and Microsoft's
 * {@code http://schemas.microsoft.com/wbem/wsman/1/wmi/<namespace>/<Class>}. Responses echo the
 * prefix the request used; without one, {@code Xen_*} classes use Citrix's and others DMTF's.
 */
public final class ResourceUris {
    public static final String CITRIX_PREFIX = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/";
    public static final String DMTF_PREFIX = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
    public static final String ALL_CLASSES = "http://schemas.dmtf.org/wbem/wscim/1/*";
    private static final String CIM_SCHEMA_PATH = "/wbem/wscim/1/cim-schema/2/";
    private static final String WMI_PREFIX = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";

    /** A parsed resource URI: class name, the prefix to echo, and the namespace when the URI names one. */
    public record Parsed(String className, String prefix, String namespace) {
        public String uriFor(String otherClass) {
            return prefix + otherClass;
        }
    }

    private ResourceUris() {
    }

    /** Null when the URI is not a CIM class URI this service understands. */
    public static Parsed parse(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.trim();
        int i = u.indexOf(CIM_SCHEMA_PATH);
        if (i > 0 && u.regionMatches(true, 0, "http", 0, 4)) {
            String cls = u.substring(i + CIM_SCHEMA_PATH.length());
            return validClass(cls) ? new Parsed(cls, u.substring(0, i + CIM_SCHEMA_PATH.length()), null) : null;
        }
        if (u.regionMatches(true, 0, WMI_PREFIX, 0, WMI_PREFIX.length())) {
            String rest = u.substring(WMI_PREFIX.length());
            int slash = rest.lastIndexOf('/');
            if (slash > 0 && validClass(rest.substring(slash + 1))) {
                return new Parsed(rest.substring(slash + 1), u.substring(0, WMI_PREFIX.length() + slash + 1),
                        rest.substring(0, slash));
            }
        }
        return null;
    }

    private static boolean validClass(String cls) {
        return !cls.isEmpty() && cls.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    /** The default URI of a class when the request gave no prefix to echo. */
    public static String defaultUri(String className) {
        return (className.toLowerCase(Locale.ROOT).startsWith("xen_") ? CITRIX_PREFIX : DMTF_PREFIX) + className;
    }
}
