package org.xenwbem.bridge;

/** A XenAPI {@code console}: {@code protocol} is vt100, rfb or rdp; {@code location} its URL. */
public record ConsoleRecord(String uuid, String vmUuid, String protocol, String location) {
}
