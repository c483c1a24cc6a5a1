package org.xenwbem.cim.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/** The build-time schema image reproduces exactly what compiling the MOF gives. */
class SchemaImageTest {
    @Test
    void imageRoundTripEqualsTheCompiledMof() throws IOException {
        Compilation unit = new Compilation(Compilation.classpath());
        unit.addResource(SchemaLoader.CIMV2_INDEX);
        ClassRepository compiled = unit.build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SchemaImage.write(unit.declarations(), bytes);
        long t0 = System.nanoTime();
        ClassRepository loaded = SchemaImage.read(new ByteArrayInputStream(bytes.toByteArray()));
        System.out.printf("schema image: %d classes, %d bytes, read in %.1f ms%n", loaded.all().size(),
                bytes.size(), (System.nanoTime() - t0) / 1e6);
        assertEquals(compiled.all().size(), loaded.all().size());
        for (CimClass c : compiled.all()) {
            CimClass l = loaded.get(c.name());
            assertEquals(c.superclass(), l.superclass(), c.name());
            assertEquals(c.qualifiers(), l.qualifiers(), c.name());
            assertEquals(c.properties(), l.properties(), c.name());
            assertEquals(c.methods(), l.methods(), c.name());
            assertEquals(c.keyNames(), l.keyNames(), c.name());
        }
    }

    @Test
    void garbageIsRefused() {
        assertThrows(SchemaException.class, () -> SchemaImage.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 0})));
        assertThrows(IOException.class, () -> SchemaImage.read(new ByteArrayInputStream(new byte[] {0x58, 0x57})));
    }

    @Test
    void theLoaderServesTheSameSchemaAsTheMof() {
        ClassRepository viaLoader = SchemaLoader.cimv2();
        ClassRepository viaMof = MofCompiler.compileResources(List.of(SchemaLoader.CIMV2_INDEX));
        assertEquals(viaMof.all().size(), viaLoader.all().size());
        assertEquals(viaMof.get("Xen_DiskSettingData").properties(), viaLoader.get("Xen_DiskSettingData").properties());
    }
}
