package org.xenwbem.provider.cimom.indications;

import java.util.Objects;
import org.xenwbem.cim.CimInstance;

/**
 * One lifecycle indication. {@code instance} holds the indication's own properties (identifier,
 * time, model path); its embedded-instance properties stay unset there and are carried as
 * {@code source} (SourceInstance) and {@code previous} (PreviousInstance, modifications only),
 * because {@link CimInstance} holds text for string properties. The encoders put them back.
 */
public record Indication(CimInstance instance, CimInstance source, CimInstance previous) {
    public static final String SOURCE_INSTANCE = "SourceInstance";
    public static final String PREVIOUS_INSTANCE = "PreviousInstance";

    public Indication {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(source, "source");
    }

    public String className() {
        return instance.className();
    }

    /** The embedded instance for a property name, or null when the property is not an embedded one. */
    public CimInstance embedded(String property) {
        if (SOURCE_INSTANCE.equalsIgnoreCase(property)) {
            return source;
        }
        return PREVIOUS_INSTANCE.equalsIgnoreCase(property) ? previous : null;
    }

    /** True for the two embedded-instance properties (whatever their value). */
    public static boolean isEmbedded(String property) {
        return SOURCE_INSTANCE.equalsIgnoreCase(property) || PREVIOUS_INSTANCE.equalsIgnoreCase(property);
    }
}
