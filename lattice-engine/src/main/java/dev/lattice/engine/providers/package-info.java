/** What the platform's own provider objects derive (issue 17): stores and the network paths they need. */
package dev.lattice.engine.providers;
