package org.xenwbem.provider.wsman;

/** Namespace URIs and action URIs of WS-Management and the specifications it composes. */
public final class Ns {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static final String WXF = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public static final String WSMID = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";
    public static final String WSMB = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd";
    public static final String MSWSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public static final String WSMANFAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    public static final String ANONYMOUS = WSA + "/role/anonymous";

    public static final String ACTION_GET = WXF + "/Get";
    public static final String ACTION_PUT = WXF + "/Put";
    public static final String ACTION_CREATE = WXF + "/Create";
    public static final String ACTION_DELETE = WXF + "/Delete";
    public static final String ACTION_ENUMERATE = WSEN + "/Enumerate";
    public static final String ACTION_PULL = WSEN + "/Pull";
    public static final String ACTION_RELEASE = WSEN + "/Release";
    public static final String ACTION_RENEW = WSEN + "/Renew";
    public static final String ACTION_GET_STATUS = WSEN + "/GetStatus";

    public static final String FAULT_WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    public static final String FAULT_WSA = WSA + "/fault";
    public static final String FAULT_WSEN = WSEN + "/fault";
    public static final String WSE = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    public static final String FAULT_WSE = WSE + "/fault";

    public static final String DIALECT_WQL_DMTF = "http://schemas.dmtf.org/wbem/wsman/1/WQL";
    public static final String DIALECT_WQL_MS = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    public static final String DIALECT_SELECTOR = "http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter";

    public static final String SECPROFILE_HTTPS_BASIC = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic";

    private Ns() {
    }
}
