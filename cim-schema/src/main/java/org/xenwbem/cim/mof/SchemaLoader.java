package org.xenwbem.cim.mof;

import java.util.List;

import org.xenwbem.cim.ClassRepository;

/**
 * The schema bundled with xenwbem ({@code root/cimv2}): compiled from the MOF resources on first
 * use, then shared. Compilation runs once even under concurrent first calls; a failure is thrown
 * to the caller and retried on the next call.
 */
public final class SchemaLoader {
    /** The index resource that includes every bundled MOF file. */
    public static final String CIMV2_INDEX = "org/xenwbem/cim/mof/xenwbem.mof";

    private static final System.Logger LOG = System.getLogger(SchemaLoader.class.getName());
    private static volatile ClassRepository cimv2;

    private SchemaLoader() {
    }

    /** The classes of {@code root/cimv2} (DMTF subset plus Xen classes). */
    public static ClassRepository cimv2() {
        ClassRepository r = cimv2;
        if (r == null) {
            synchronized (SchemaLoader.class) {
                r = cimv2;
                if (r == null) {
                    r = compile();
                    cimv2 = r;
                }
            }
        }
        return r;
    }

    /** The image written at build time by {@link SchemaImageBuilder}. */
    public static final String CIMV2_IMAGE = "org/xenwbem/cim/mof/cimv2.image";

    private static ClassRepository compile() {
        long start = System.nanoTime();
        ClassRepository r = fromImage();
        if (r == null) {
            r = MofCompiler.compileResources(List.of(CIMV2_INDEX));
        }
        long micros = (System.nanoTime() - start) / 1000;
        LOG.log(System.Logger.Level.DEBUG, "compiled {0} classes from {1} in {2} ms",
                r.all().size(), CIMV2_INDEX, micros / 1000.0);
        return r;
    }

    /** The build-time image, or null when running from sources without it (then the MOF is compiled). */
    private static ClassRepository fromImage() {
        try (java.io.InputStream in = SchemaLoader.class.getClassLoader().getResourceAsStream(CIMV2_IMAGE)) {
            return in == null ? null : SchemaImage.read(new java.io.BufferedInputStream(in, 65536));
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable schema image, compiling the MOF instead: {0}", e.getMessage());
            return null;
        }
    }
}
