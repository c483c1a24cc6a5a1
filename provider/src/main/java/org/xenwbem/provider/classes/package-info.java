/**
 * The class catalog: one subpackage per CIM class family ({@code vm}, {@code host}, {@code storage},
 * {@code network}, {@code pool}, {@code jobs}, {@code metrics}, {@code profiles}) over the shared
 * machinery in {@code common}, assembled here ({@link org.xenwbem.provider.classes.Catalog},
 * {@link org.xenwbem.provider.classes.Methods}). Providers map the bridge's pool snapshot to CIM
 * instances in the anchor's vocabulary (xs-cim keys and ID formats; the class catalog of anchor §4,
 * the methods of anchor §5). Never builds XML, never calls xapi on a read. Dependencies run one way:
 * common ← host ← network ← storage ← vm ← pool ← jobs, metrics, profiles ← this package.
 */
package org.xenwbem.provider.classes;
