package org.xenwbem.cim;

import java.util.Locale;

/** The CIM intrinsic data types (DSP0004 §5.2), with their MOF / CIM-XML spelling. */
public enum CimType {
    BOOLEAN("boolean"), STRING("string"), CHAR16("char16"),
    UINT8("uint8"), SINT8("sint8"), UINT16("uint16"), SINT16("sint16"),
    UINT32("uint32"), SINT32("sint32"), UINT64("uint64"), SINT64("sint64"),
    REAL32("real32"), REAL64("real64"), DATETIME("datetime"), REFERENCE("reference");

    private final String wireName;

    CimType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in MOF and in CIM-XML TYPE attributes. */
    public String wireName() {
        return wireName;
    }

    public boolean isInteger() {
        return ordinal() >= UINT8.ordinal() && ordinal() <= SINT64.ordinal();
    }

    public boolean isNumeric() {
        return isInteger() || this == REAL32 || this == REAL64;
    }

    public static CimType fromWireName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (CimType t : values()) {
            if (t.wireName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a CIM type: " + name);
    }

    /** Smallest and largest values of an integer type (uint64 capped at Long.MAX_VALUE). */
    public long minValue() {
        return switch (this) {
            case SINT8 -> Byte.MIN_VALUE;
            case SINT16 -> Short.MIN_VALUE;
            case SINT32 -> Integer.MIN_VALUE;
            case SINT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    public long maxValue() {
        return switch (this) {
            case UINT8 -> 0xFF;
            case SINT8 -> Byte.MAX_VALUE;
            case UINT16 -> 0xFFFF;
            case SINT16 -> Short.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case SINT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
