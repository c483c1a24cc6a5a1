/** The daemon's configuration: command-line options with their defaults, validated once at start. */
package org.xenwbem.provider.config;
