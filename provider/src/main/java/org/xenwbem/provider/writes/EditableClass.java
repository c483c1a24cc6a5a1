package org.xenwbem.provider.writes;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.cim.CimInstance;

/**
 * A CIM class whose instances stand for XenAPI objects of one class, and the properties of it that
 * may be edited in place.
 *
 * @param cimClass the concrete CIM class
 * @param target the XenAPI class of the objects
 * @param find the mirrored record of an object by uuid
 * @param uuidOf the uuid of the object an instance stands for
 * @param properties the writable properties, in the order their setters run
 * @param <R> the bridge record of the objects
 */
record EditableClass<R>(String cimClass, FieldOps.Target target, BiFunction<PoolSnapshot, String, Optional<R>> find,
                        Function<CimInstance, String> uuidOf, List<WritableProperty<R>> properties) {
    EditableClass {
        properties = List.copyOf(properties);
    }

    /** The writable property of this name (case-insensitive), if it is one. */
    Optional<WritableProperty<R>> property(String name) {
        return properties.stream().filter(p -> p.property().equalsIgnoreCase(name)).findFirst();
    }

    /** The names of the writable properties, for faults and documentation. */
    List<String> names() {
        return properties.stream().map(WritableProperty::property).toList();
    }
}
