package org.xenwbem.cim.query;

import java.util.List;

import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.ClassRepository.Builder.Declaration;

/** A tiny schema: T_Element with one property per interesting type, T_System and T_Disk below it, T_Link. */
final class Fixtures {
    static final ClassRepository REPO = ClassRepository.builder()
            .declare(new Declaration("T_Element", null, List.of(), List.of(
                    key("InstanceID"),
                    prop("Caption", CimType.STRING, false),
                    prop("ElementName", CimType.STRING, false),
                    prop("HealthState", CimType.UINT16, false),
                    prop("Capacity", CimType.UINT64, false),
                    prop("Load", CimType.REAL64, false),
                    prop("Enabled", CimType.BOOLEAN, false),
                    prop("InstallDate", CimType.DATETIME, false),
                    prop("Uptime", CimType.DATETIME, false),
                    prop("Tags", CimType.STRING, true),
                    prop("Codes", CimType.UINT16, true)), List.of()))
            .declare(new Declaration("T_System", "T_Element", List.of(), List.of(
                    prop("Name", CimType.STRING, false)), List.of()))
            .declare(new Declaration("T_Disk", "T_Element", List.of(), List.of(), List.of()))
            .declare(new Declaration("T_Link", null, List.of(CimQualifier.flag("Association")), List.of(
                    new CimProperty("Antecedent", CimType.REFERENCE, false, "T_Element",
                            List.of(CimQualifier.flag("Key")), null, null, false),
                    prop("Note", CimType.STRING, false)), List.of()))
            .build();

    private Fixtures() {
    }

    private static CimProperty key(String name) {
        return new CimProperty(name, CimType.STRING, false, null, List.of(CimQualifier.flag("Key")), null, null,
                false);
    }

    private static CimProperty prop(String name, CimType type, boolean array) {
        return new CimProperty(name, type, array, null, List.of(), null, null, false);
    }

    /** A T_System with every property set. */
    static CimInstance.Builder system() {
        return CimInstance.builder(REPO.get("T_System"))
                .set("InstanceID", "Xen:1234-abcd")
                .set("Caption", "XenServer Host")
                .set("ElementName", "host1")
                .set("HealthState", 5L)
                .set("Capacity", 10_000_000_000L)
                .set("Load", 0.75)
                .set("Enabled", true)
                .set("InstallDate", CimDateTime.parse("20240115103000.000000+000"))
                .set("Uptime", CimDateTime.parse("00000002030000.000000:000"))
                .set("Tags", List.of("pool-master", "Gold"))
                .set("Codes", List.of(2L, 32768L))
                .set("Name", "host1.example.com");
    }

    static CimInstance disk() {
        return CimInstance.builder(REPO.get("T_Disk")).set("InstanceID", "Xen:disk-1").build();
    }

    static CimInstance link(String targetClass) {
        return CimInstance.builder(REPO.get("T_Link"))
                .set("Antecedent", new CimObjectPath("root/cimv2", targetClass, java.util.Map.of("InstanceID", "x")))
                .set("Note", "n")
                .build();
    }

    /** Parses as WQL, binds to the repository and tests the instance; fails the test on QueryException. */
    static boolean matches(String wql, CimInstance instance) {
        try {
            return WqlQuery.parse(wql).bind(REPO).matches(instance, REPO);
        } catch (QueryException e) {
            throw new AssertionError(wql + ": " + e.getMessage(), e);
        }
    }

    /** Matches a WHERE clause against a fully set T_System. */
    static boolean where(String condition) {
        return matches("SELECT * FROM T_System WHERE " + condition, system().build());
    }
}
