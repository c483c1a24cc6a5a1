package org.xenwbem.bridge.ops;

/**
 * The fields a user edits in place on the objects xenwbem serves — names, descriptions, tags and
 * other-config entries — each through its own XenAPI setter ({@code <class>.set_<field>},
 * {@code <class>.add_to_<field>}, {@code <class>.remove_from_<field>}), by object uuid. Field names
 * are XenAPI's (datamodel spelling); the caller's session decides, by its role, what xapi allows.
 */
public interface FieldOps {
    /** The XenAPI classes whose fields may be edited, with their names as xapi spells them. */
    enum Target {
        VM("VM"), VDI("VDI"), SR("SR"), NETWORK("network"), POOL("pool"), HOST("host");

        private final String xapiName;

        Target(String xapiName) {
            this.xapiName = xapiName;
        }

        /** The class name in messages, e.g. {@code network} in {@code network.set_name_label}. */
        public String xapiName() {
            return xapiName;
        }
    }

    /** {@code <class>.set_<field>(ref, value)}: a string, a string set (List) or a map. */
    void set(Target cls, String uuid, String field, Object value) throws XenFailure;

    /** {@code <class>.add_to_<field>(ref, key, value)}; MAP_DUPLICATE_KEY when the key is there already. */
    void addToMap(Target cls, String uuid, String field, String key, String value) throws XenFailure;

    /** {@code <class>.remove_from_<field>(ref, key)}; removing an absent key is not an error. */
    void removeFromMap(Target cls, String uuid, String field, String key) throws XenFailure;
}
