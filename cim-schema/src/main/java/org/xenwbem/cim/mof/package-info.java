/**
 * The MOF compiler (DSP0004 §7, the subset needed for class schemas): lexes and parses MOF text
 * into {@link org.xenwbem.cim.ClassRepository.Builder.Declaration}s, with qualifier declarations,
 * {@code #pragma include} between classpath resources, and positioned errors
 * ({@code file:line:column: message}). {@link org.xenwbem.cim.mof.SchemaLoader} compiles and caches
 * the bundled schema ({@code xenwbem.mof}). Instance declarations are refused.
 */
package org.xenwbem.cim.mof;
