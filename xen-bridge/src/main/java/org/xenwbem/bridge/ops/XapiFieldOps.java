package org.xenwbem.bridge.ops;

/** {@link FieldOps} over a user's session: the object's ref is looked up by uuid first, then the setter runs. */
final class XapiFieldOps implements FieldOps {
    private final Calls c;

    XapiFieldOps(Calls c) {
        this.c = c;
    }

    @Override
    public void set(Target cls, String uuid, String field, Object value) throws XenFailure {
        c.call(cls.xapiName() + ".set_" + field, c.ref(cls.xapiName(), uuid), value);
    }

    @Override
    public void addToMap(Target cls, String uuid, String field, String key, String value) throws XenFailure {
        c.call(cls.xapiName() + ".add_to_" + field, c.ref(cls.xapiName(), uuid), key, value);
    }

    @Override
    public void removeFromMap(Target cls, String uuid, String field, String key) throws XenFailure {
        c.call(cls.xapiName() + ".remove_from_" + field, c.ref(cls.xapiName(), uuid), key);
    }
}
