package io.nodeward.publish.kube;

/**
 * A check as the publisher tells checks apart: benchmark and ID, like the metrics' series. The same
 * ID may appear in two benchmarks (a user's benchmark next to CIS); keyed by ID alone they would collide.
 */
record CheckKey(String benchmark, String id) {
}
