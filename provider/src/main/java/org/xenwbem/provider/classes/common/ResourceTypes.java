package org.xenwbem.provider.classes.common;

/** DMTF ResourceType values (CIM_ResourcePool, CIM_ResourceAllocationSettingData) the catalog uses. */
public final class ResourceTypes {
    public static final long RT_PROCESSOR = 3;
    public static final long RT_MEMORY = 4;
    public static final long RT_DVD = 16;
    public static final long RT_STORAGE_EXTENT = 19;
    public static final long RT_ETHERNET_CONNECTION = 33;

    private ResourceTypes() {
    }
}
