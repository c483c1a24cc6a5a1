package org.xenwbem.bridge.ops;

import java.util.List;

/** Host maintenance and power. */
public interface HostOps {
    void disable(String host) throws XenFailure;

    void enable(String host) throws XenFailure;

    Operation evacuate(String host) throws XenFailure;

    List<String> vmsPreventingEvacuation(String host) throws XenFailure;

    Operation shutdown(String host) throws XenFailure;

    Operation reboot(String host) throws XenFailure;

    Operation powerOn(String host) throws XenFailure;

    void addToOtherConfig(String host, String key, String value) throws XenFailure;

    void removeFromOtherConfig(String host, String key) throws XenFailure;
}
