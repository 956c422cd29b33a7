/** Registered models and their versions, stages and aliases; model packages (MLmodel, digest manifest); model URIs; lineage. */
package dev.sextant.registry;
