package org.xenwbem.provider.classes.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.ProbeAnswer;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * DiscoveriSCSITargetInfo (anchor §5.6): {@code SR.probe} of an lvmoiscsi SR with a partial
 * device-config, as XenCenter does. Without TargetIQN the SM driver answers SR_BACKEND_FAILURE_96 with
 * the portal's IQNs ({@code <iscsi-target-iqns><TGT>…}); with it, SR_BACKEND_FAILURE_107 with the
 * target's LUNs ({@code <iscsi-target><LUN>…}). That XML, checked to be well-formed, is TargetInfo.
 * Any other answer (the portal unreachable, a login refused) is a fault with xapi's reason. xenwbem
 * itself logs in nowhere: the host's initiator does, and only to the portal given.
 */
final class IscsiDiscovery {
    static final String DEFAULT_PORT = "3260";
    /** The SM errors whose parameters carry the discovery answer. */
    private static final List<String> ANSWERS = List.of("SR_BACKEND_FAILURE_96", "SR_BACKEND_FAILURE_107");

    private final MethodEnvironment env;

    IscsiDiscovery(MethodEnvironment env) {
        this.env = env;
    }

    MethodResult discover(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        Map<String, String> dc = deviceConfig(in);
        String master = env.pool().get().pool() == null ? "" : env.pool().get().pool().masterUuid();
        String xml;
        try (PoolSession s = env.sessionFor(ctx)) {
            xml = s.storage().probeSr(master, dc, "lvmoiscsi", Map.of());
        } catch (XenFailure f) {
            if (!ANSWERS.contains(f.code())) {
                throw f;
            }
            xml = xmlParam(f);
        }
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("TargetInfo", checked(xml)));
    }

    /** target, port and (when given) targetIQN, validated before xapi is asked. */
    static Map<String, String> deviceConfig(Map<String, Object> in) throws CimException {
        String host = EmbeddedArgs.str(in.get("TargetHost"));
        if (host == null || !host.matches("[A-Za-z0-9._:\\[\\]-]+")) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "TargetHost (the iSCSI portal's address or name) is "
                    + (host == null ? "required" : "not a host name or address: " + host));
        }
        String port = EmbeddedArgs.str(in.get("Port"));
        port = port == null ? DEFAULT_PORT : port;
        Long p = EmbeddedArgs.num(port);
        if (p == null || p < 1 || p > 65535) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Port must be a TCP port number, not " + port);
        }
        Map<String, String> dc = new LinkedHashMap<>();
        dc.put("target", host);
        dc.put("port", Long.toString(p));
        String iqn = EmbeddedArgs.str(in.get("TargetIQN"));
        if (iqn != null) {
            dc.put("targetIQN", iqn);
        }
        return dc;
    }

    /** The parameter of xapi's error that is the SM driver's XML. */
    private static String xmlParam(XenFailure f) throws CimException {
        for (String p : f.params()) {
            if (p != null && p.strip().startsWith("<")) {
                return p.strip();
            }
        }
        throw new CimException(CimStatus.FAILED, f.code() + " without a target list: " + String.join(" ", f.params()));
    }

    /** The XML as given, once it parses (xenwbem never passes on what it cannot read). */
    static String checked(String xml) throws CimException {
        try {
            ProbeAnswer.parse(xml);
            return xml.strip();
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.FAILED, "SR.probe answered with XML that does not parse: " + e.getMessage());
        }
    }
}
