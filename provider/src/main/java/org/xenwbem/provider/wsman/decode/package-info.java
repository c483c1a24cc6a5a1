/**
 * WS-Management request decoding, one decoder per action (DSP0226 §7 WS-Transfer, §8 WS-Enumeration):
 * each turns the body of a decoded envelope ({@link org.xenwbem.provider.wsman.WsmanRequest}, whose
 * header is read once for every action) into an immutable request record, so that the actions that
 * execute them see no DOM. Malformed bodies are faulted here, from the one fault table
 * ({@link org.xenwbem.provider.wsman.FaultKind}). Knows nothing of the CIM core.
 */
package org.xenwbem.provider.wsman.decode;
