package org.xenwbem.cim.mof;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/**
 * The compiled schema as a compact binary image: the class declarations the MOF compiler produced
 * at build time, read back at start-up without lexing or parsing MOF. Inheritance is resolved on
 * load by {@link ClassRepository.Builder}, which costs little.
 */
public final class SchemaImage {
    private static final int MAGIC = 0x58574D31; // "XWM1"
    private static final int T_NULL = 0;
    private static final int T_STRING = 1;
    private static final int T_BOOLEAN = 2;
    private static final int T_LONG = 3;
    private static final int T_DOUBLE = 4;
    private static final int T_DATETIME = 5;
    private static final int T_LIST = 6;

    private SchemaImage() {
    }

    public static void write(List<ClassRepository.Builder.Declaration> decls, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(decls.size());
        for (ClassRepository.Builder.Declaration d : decls) {
            out.writeUTF(d.name());
            optional(out, d.superclass());
            qualifiers(out, d.qualifiers());
            out.writeInt(d.properties().size());
            for (CimProperty p : d.properties()) {
                out.writeUTF(p.name());
                out.writeByte(p.type().ordinal());
                out.writeBoolean(p.array());
                optional(out, p.referenceClass());
                qualifiers(out, p.qualifiers());
                value(out, p.defaultValue());
            }
            out.writeInt(d.methods().size());
            for (CimMethod m : d.methods()) {
                method(out, m);
            }
        }
        out.flush();
    }

    private static void method(DataOutputStream out, CimMethod m) throws IOException {
        out.writeUTF(m.name());
        out.writeByte(m.returnType().ordinal());
        qualifiers(out, m.qualifiers());
        out.writeInt(m.parameters().size());
        for (CimParameter p : m.parameters()) {
            out.writeUTF(p.name());
            out.writeByte(p.type().ordinal());
            out.writeBoolean(p.array());
            optional(out, p.referenceClass());
            qualifiers(out, p.qualifiers());
        }
    }

    public static ClassRepository read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new SchemaException("not a xenwbem schema image");
        }
        ClassRepository.Builder b = ClassRepository.builder();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String sup = optional(in);
            List<CimQualifier> quals = qualifiers(in);
            List<CimProperty> props = new ArrayList<>();
            int np = in.readInt();
            for (int j = 0; j < np; j++) {
                String pn = in.readUTF();
                CimType t = CimType.values()[in.readByte()];
                boolean arr = in.readBoolean();
                String ref = optional(in);
                props.add(new CimProperty(pn, t, arr, ref, qualifiers(in), value(in), null, false));
            }
            List<CimMethod> methods = new ArrayList<>();
            int nm = in.readInt();
            for (int j = 0; j < nm; j++) {
                methods.add(method(in));
            }
            b.declare(new ClassRepository.Builder.Declaration(name, sup, quals, props, methods));
        }
        return b.build();
    }

    private static CimMethod method(DataInputStream in) throws IOException {
        String name = in.readUTF();
        CimType rt = CimType.values()[in.readByte()];
        List<CimQualifier> quals = qualifiers(in);
        List<CimParameter> params = new ArrayList<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String pn = in.readUTF();
            CimType t = CimType.values()[in.readByte()];
            boolean arr = in.readBoolean();
            String ref = optional(in);
            params.add(new CimParameter(pn, t, arr, ref, qualifiers(in)));
        }
        return new CimMethod(name, rt, params, quals, null, false);
    }

    private static void qualifiers(DataOutputStream out, List<CimQualifier> qs) throws IOException {
        out.writeInt(qs.size());
        for (CimQualifier q : qs) {
            out.writeUTF(q.name());
            out.writeByte(q.type().ordinal());
            out.writeBoolean(q.array());
            value(out, q.value());
        }
    }

    private static List<CimQualifier> qualifiers(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<CimQualifier> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            CimType t = CimType.values()[in.readByte()];
            boolean arr = in.readBoolean();
            out.add(new CimQualifier(name, t, arr, value(in)));
        }
        return out;
    }

    private static void optional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(T_NULL);
        } else if (v instanceof String s) {
            out.writeByte(T_STRING);
            writeLong(out, s);
        } else if (v instanceof Boolean b) {
            out.writeByte(T_BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Long l) {
            out.writeByte(T_LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(T_DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof CimDateTime dt) {
            out.writeByte(T_DATETIME);
            out.writeUTF(dt.toString());
        } else if (v instanceof List<?> list) {
            out.writeByte(T_LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                value(out, o);
            }
        } else {
            throw new IOException("cannot store a " + v.getClass().getSimpleName() + " in a schema image");
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case T_NULL -> null;
            case T_STRING -> readLong(in);
            case T_BOOLEAN -> in.readBoolean();
            case T_LONG -> in.readLong();
            case T_DOUBLE -> in.readDouble();
            case T_DATETIME -> CimDateTime.parse(in.readUTF());
            case T_LIST -> {
                int n = in.readInt();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(value(in));
                }
                yield l;
            }
            default -> throw new IOException("bad value tag " + tag + " in schema image");
        };
    }

    /** Strings of any length (writeUTF stops at 64 KiB). */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
