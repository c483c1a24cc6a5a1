package org.xenwbem.bridge;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A XenAPI {@code PBD}: how one host reaches one SR. {@code deviceConfig} never holds secrets: keys
 * containing "password", "secret" or "chap" (any case) are dropped on construction.
 */
public record PbdRecord(String uuid, String srUuid, String hostUuid, boolean currentlyAttached,
                        Map<String, String> deviceConfig) {
    public PbdRecord {
        deviceConfig = deviceConfig.entrySet().stream()
                .filter(e -> !isSecretKey(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** True for device_config keys that carry credentials (e.g. {@code password}, {@code chappassword}). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("chap");
    }
}
