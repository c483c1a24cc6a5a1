/**
 * CIM-XML export of indications to listeners: the ExportIndication export request of DMTF DSP0200
 * §5.4 (headers {@code CIMExport: MethodRequest}, {@code CIMExportMethod: ExportIndication}) in the
 * DSP0201 encoding ({@link org.xenwbem.provider.cimxml.export.ExportCodec}), sent to a
 * CIM_ListenerDestinationCIMXML of a DSP1054 subscription ({@link
 * org.xenwbem.provider.cimxml.export.CimXmlExporter}). The subscriptions themselves are the core's
 * ({@code cimom.indications.CimXmlListeners}); the HTTP posting is the {@code delivery} package's.
 */
package org.xenwbem.provider.cimxml.export;
