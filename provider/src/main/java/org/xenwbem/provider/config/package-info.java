/**
 * Internal plumbing of the daemon's start: its configuration, the command-line options of
 * {@code serve} and {@code demo} with their defaults, validated once at start (what the anchor's
 * OpenPegasus took from {@code cimserver_planned.conf}, anchor §1).
 */
package org.xenwbem.provider.config;
