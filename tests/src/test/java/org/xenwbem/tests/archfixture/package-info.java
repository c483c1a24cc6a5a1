/**
 * Fixtures for {@code ArchitectureConditionsTest}: a parent ({@code lib}) with its internal package, which
 * refers back to it, and a package ({@code app}) that reaches into that internal package.
 */
package org.xenwbem.tests.archfixture;
