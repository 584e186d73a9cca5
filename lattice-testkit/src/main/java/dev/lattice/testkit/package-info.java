/** Test support shared by every module's tests; only ever a test-scope dependency. */
package dev.lattice.testkit;
